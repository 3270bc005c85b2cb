/**
 * Fields the API does not know. The OpenAPI schemas leave `additionalProperties` open, so
 * schemas.ts passes a misspelt field (`readinessprobe:`) that the API server would reject
 * under strict field validation, or silently drop without it. The interfaces of
 * `kubernetes-models` list every field of every type, so each object is type-checked as an
 * object literal of its kind's interface with the TypeScript compiler: excess property
 * checks name each unknown field, at any depth.
 */
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT, type K8sObject } from './render';
import { typeModule } from './schemas';

/** the generated module sits in deploy/validate so `kubernetes-models` resolves from the repository */
const VIRTUAL_FILE = path.join(REPO_ROOT, 'deploy', 'validate', '__rendered_manifests__.ts');

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  types: [],
  lib: ['lib.es2022.d.ts'],
};

/** the declaration files, parsed once per process: they are the same for every run and most of its cost */
const parsedFiles = new Map<string, ts.SourceFile>();

/** objects rendered from one place (an overlay), named in the problems */
export interface ObjectSet {
  origin: string;
  objects: K8sObject[];
}

/**
 * each object's unknown (or mistyped) fields as "origin: Kind/name: message"; objects of
 * unknown kinds are schemas.ts's to report. One compiler run checks every set (the
 * interfaces take seconds to load).
 */
export function fieldProblems(sets: ObjectSet[]): string[] {
  const typed = sets
    .flatMap(({ origin, objects }) => objects.map((object) => ({ origin, object })))
    .map(({ origin, object }, i) => ({ origin, object, i, module: typeModule(object) }))
    .filter((t) => t.module !== null);
  const chunks = typed.map(({ object, i, module }) => `import type { I${object.kind} as T${i} } from ${JSON.stringify(module)};`);
  // the first line of each object's literal, to map a diagnostic back to its object
  const starts: { line: number; name: string }[] = [];
  let line = chunks.length;
  for (const { origin, object, i } of typed) {
    const chunk = `export const o${i}: T${i} = ${JSON.stringify(object, null, 1)};`;
    starts.push({ line, name: `${origin}: ${object.kind}/${object.metadata.name}` });
    chunks.push(chunk);
    line += chunk.split('\n').length;
  }
  const source = chunks.join('\n');

  const host = ts.createCompilerHost(OPTIONS, true);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const isVirtual = (file: string) => path.resolve(file) === VIRTUAL_FILE;
  host.readFile = (file) => (isVirtual(file) ? source : readFile(file));
  host.fileExists = (file) => isVirtual(file) || fileExists(file);
  host.getSourceFile = (file, version, onError, create) => {
    if (isVirtual(file)) return ts.createSourceFile(file, source, version, true);
    const cached = parsedFiles.get(file);
    if (cached) return cached;
    const parsed = getSourceFile(file, version, onError, create);
    if (parsed) parsedFiles.set(file, parsed);
    return parsed;
  };
  const program = ts.createProgram([VIRTUAL_FILE], OPTIONS, host);
  const file = program.getSourceFile(VIRTUAL_FILE)!;
  const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];

  return diagnostics.map((d) => {
    const at = d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start).line : -1;
    const owner = [...starts].reverse().find((s) => s.line <= at);
    return `${owner?.name ?? 'generated imports'}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
