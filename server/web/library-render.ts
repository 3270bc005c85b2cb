/**
 * POST /render {form_id | source, variables, variant}: a template filled by the §7
 * conventions. With form_id and variant "bw", the form's ".bw" sibling in the same folder
 * is rendered when there is one. Answers the Latin-1 text as a JSON string, with the
 * variables used and those given but unused.
 */
import { renderTemplate, variantName, type Variant } from '@/lib/library/templates';
import { checkSource } from '@/lib/library/validate';
import { HttpError, jsonAnswer, type Answer } from './http';
import { jsonBody, mediaTypeOf, type LibraryRequest } from './library-http';
import { MAX_JSON_BODY_BYTES } from './library-routes';
import { getLibrary } from './library-store';

export interface RenderInput {
  source: string;
  form: { id: number; name: string; folder: string; version: number } | null;
  variant: Variant;
  /** the variant actually rendered: "default" when a bw form has no .bw sibling */
  variantUsed: Variant;
}

/** the template a render or compile request names; exported for the compile routes */
export async function resolveTemplate(body: Record<string, unknown>): Promise<RenderInput> {
  const variant = body.variant ?? 'default';
  if (variant !== 'default' && variant !== 'bw') throw new HttpError(400, '"variant" must be "default" or "bw"');
  const hasForm = body.form_id !== undefined;
  const hasSource = body.source !== undefined;
  if (hasForm === hasSource) throw new HttpError(400, 'send either "form_id" or "source"');
  if (hasSource) return { source: checkSource(body.source, 'source'), form: null, variant, variantUsed: 'default' };
  if (typeof body.form_id !== 'number' || !Number.isSafeInteger(body.form_id) || body.form_id < 1) throw new HttpError(400, '"form_id" must be a form id');
  const repo = await getLibrary();
  const form = await repo.get(body.form_id);
  let chosen = form;
  let variantUsed: Variant = form.name.endsWith('.bw') ? 'bw' : 'default';
  const wanted = variantName(form.name, variant);
  if (wanted !== form.name) {
    const sibling = await repo.findByName(form.folder, wanted);
    if (sibling) {
      chosen = sibling;
      variantUsed = variant;
    }
  }
  return { source: chosen.content, form: { id: chosen.id, name: chosen.name, folder: chosen.folder, version: chosen.version }, variant, variantUsed };
}

export async function handleRender(request: LibraryRequest): Promise<Answer> {
  if (mediaTypeOf(request.headers) !== 'application/json') throw new HttpError(415, 'send application/json: {"form_id" | "source", "variables", "variant"}');
  const body = await jsonBody(request, MAX_JSON_BODY_BYTES);
  const extra = Object.keys(body).filter((k) => !['form_id', 'source', 'variables', 'variant'].includes(k));
  if (extra.length > 0) throw new HttpError(400, `unknown field ${JSON.stringify(extra[0]!.slice(0, 64))}; allowed: form_id, source, variables, variant`);
  const input = await resolveTemplate(body);
  const r = renderTemplate(input.source, (body.variables ?? {}) as Record<string, unknown>);
  return jsonAnswer({ success: true, output: r.output, size: r.output.length, used: r.used, unused: r.unused, variant: input.variantUsed, form: input.form });
}
