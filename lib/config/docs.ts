/**
 * The configuration tables of README.md and docs/POOL.md, generated from the schema so
 * the documents cannot drift from what the loader reads. `npm run gen:config-docs` writes
 * them between the markers; test/config/docs.test.ts fails when they are out of date.
 */
import { SETTINGS, allowedText, defaultText, type SettingSpec } from './schema';

export const BEGIN = '<!-- settings:begin (generated from lib/config/schema.ts by npm run gen:config-docs) -->';
export const END = '<!-- settings:end -->';

const all = SETTINGS as readonly SettingSpec[];

/** README: the settings an operator meets first */
export function readmeTable(): string {
  const rows = all.filter((s) => s.inReadme).map((s) => `| \`${s.name}\` | ${defaultText(s)} | ${s.description} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** docs/POOL.md: every setting with its allowed values */
export function fullTable(): string {
  const rows = all.map((s) => `| \`${s.name}\` | ${defaultText(s)} | ${allowedText(s)} | ${s.description} |`);
  return ['| variable | default | allowed | meaning |', '|---|---|---|---|', ...rows].join('\n');
}

/** the document with its generated table replaced; throws when the markers are missing */
export function withTable(document: string, table: string): string {
  const b = document.indexOf(BEGIN);
  const e = document.indexOf(END);
  if (b < 0 || e < b) throw new Error('the settings markers are missing');
  return `${document.slice(0, b + BEGIN.length)}\n${table}\n${document.slice(e)}`;
}
