/**
 * The compile routes (/compile, /compile-chunk) take a template as /render does:
 * `{form_id | source, variables, variant}` (issue 10). A body that names a saved form or
 * gives variables is rendered first (lib/library/templates.ts: the §7 conventions), and
 * what was used and left unused is reported beside the answer. A missing variable is a
 * 400 naming it and its line.
 */
import { LibraryError } from '@/lib/library/errors';
import { renderTemplate, type Variant } from '@/lib/library/templates';
import { HttpError } from './http';
import { libraryStatus } from './library-http';
import { resolveTemplate } from './library-render';

export interface TemplateUse {
  used: string[];
  unused: string[];
  form: { id: number; name: string; folder: string; version: number } | null;
  variant: Variant;
}

/** does this JSON body ask for a template (a saved form, variables, a variant)? */
export function asksForTemplate(body: Record<string, unknown>): boolean {
  return body.form_id !== undefined || body.variables !== undefined || body.variant !== undefined;
}

/** the source a compile request names, rendered when it is a template */
export async function renderedSource(body: Record<string, unknown>): Promise<{ text: string; template: TemplateUse }> {
  try {
    const input = await resolveTemplate(body);
    const r = renderTemplate(input.source, (body.variables ?? {}) as Record<string, unknown>);
    return { text: r.output, template: { used: r.used, unused: r.unused, form: input.form, variant: input.variantUsed } };
  } catch (err) {
    if (err instanceof LibraryError) throw new HttpError(libraryStatus(err), err.message, {}, err.line === null ? {} : { line: err.line });
    throw err;
  }
}

/** the headers that report a template's use beside a binary answer */
export function templateHeaders(t: TemplateUse | null): Record<string, string> {
  if (!t) return {};
  const h: Record<string, string> = {
    'X-Template-Used': t.used.join(',') || '-',
    'X-Template-Unused': t.unused.join(',') || '-',
    'X-Template-Variant': t.variant,
  };
  if (t.form) h['X-Template-Form'] = `${t.form.id}@${t.form.version}`;
  return h;
}
