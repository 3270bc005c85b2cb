/**
 * Builds a large FDO source (several MB once compiled) out of corpus texts nested inside
 * stream atoms, several levels deep, so that nested data runs past 32,767 bytes and the
 * compiler must use the large-atom form.
 */
import type { CorpusPair } from './corpus';

const STREAM_ATOMS = ['act_replace_action', 'act_append_action', 'act_modify_action', 'sm_end_object_with_action'];

export function buildLargeSource(pairs: readonly CorpusPair[], targetChars: number): string {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < targetChars) {
    const group: string[] = [];
    // nest 4 corpus forms per group, each one level deeper than the previous
    for (let depth = 0; depth < 4; depth++) {
      group.push(`${STREAM_ATOMS[depth]}\n<\n${pairs[i % pairs.length].text}`);
      i++;
    }
    const block = group.join('') + '>\n'.repeat(4);
    // wrap groups in an outer stream atom so the outer data is far beyond 32 KB
    parts.push(block);
    size += block.length;
  }
  return `act_replace_action\n<\n${parts.join('')}>\n`;
}
