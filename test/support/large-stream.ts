/**
 * Builds a large FDO source (several MB once compiled) out of corpus texts nested inside
 * stream atoms, several levels deep, so that nested data runs past 32,767 bytes and the
 * compiler must use the large-atom form.
 */
import type { CorpusPair } from './corpus';

// stream atoms without the indent flag, so nesting does not drift the layout level
const STREAM_ATOMS = ['act_modify_action', 'act_append_action', 'act_change_action', 'hfs_cmd_fdo'];

/**
 * Forms whose last line is a uni_end_stream at column 0 end at the level they started at.
 * Others leave it raised (act_replace_action has indent), and thousands of them in a row
 * would indent the text without bound.
 */
function isBalanced(pair: CorpusPair): boolean {
  return /(^|\n)uni_end_stream( <[^\n]*>)?\n$/.test(pair.text);
}

export function buildLargeSource(pairs: readonly CorpusPair[], targetChars: number): string {
  const forms = pairs.filter(isBalanced);
  if (forms.length === 0) throw new Error('no balanced forms to build a large stream from');
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < targetChars) {
    const group: string[] = [];
    // nest 4 corpus forms per group, each one level deeper than the previous
    for (let depth = 0; depth < 4; depth++) {
      group.push(`${STREAM_ATOMS[depth]}\n<\n${forms[i % forms.length].text}`);
      i++;
    }
    const block = group.join('') + '>\n'.repeat(4);
    parts.push(block);
    size += block.length;
  }
  // one outer stream atom, so the outer data is far beyond 32 KB
  return `act_modify_action\n<\n${parts.join('')}>\n`;
}
