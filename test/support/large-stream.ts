/**
 * Builds a large FDO source (several MB once compiled) out of corpus texts nested inside
 * stream atoms, several levels deep, so that nested data runs past 32,767 bytes and the
 * compiler must use the large-atom form.
 */
import type { CorpusPair } from './corpus';

// stream atoms without the indent flag, so nesting does not drift the layout level
const STREAM_ATOMS = ['act_modify_action', 'act_append_action', 'act_change_action', 'hfs_cmd_fdo'];
// corpus forms may leave the level raised (act_replace_action has indent); outdent atoms
// after each form bring it back to 0 (the level is clamped there), so the text of
// thousands of forms stays flat
const LEVEL_RESET = 'uni_end_stream\n'.repeat(24);

export function buildLargeSource(pairs: readonly CorpusPair[], targetChars: number): string {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < targetChars) {
    const group: string[] = [];
    // nest 4 corpus forms per group, each one level deeper than the previous
    for (let depth = 0; depth < 4; depth++) {
      group.push(`${STREAM_ATOMS[depth]}\n<\n${pairs[i % pairs.length].text}${LEVEL_RESET}`);
      i++;
    }
    const block = group.join('') + '>\n'.repeat(4);
    // wrap groups in an outer stream atom so the outer data is far beyond 32 KB
    parts.push(block);
    size += block.length;
  }
  return `act_modify_action\n<\n${parts.join('')}>\n`;
}
