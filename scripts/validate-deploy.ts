/**
 * `npm run validate:deploy`: renders every overlay of deploy/overlays with
 * `kubectl kustomize`, validates each object against the Kubernetes API schemas
 * (kubernetes-models) and field lists, checks the Deployment's sizing, probes and
 * termination against the pool settings, and checks every environment variable set by the
 * Dockerfile, the compose files and the manifests. Exits 1 on any problem.
 */
import { manifestProblems, renderOverlays, repoDeployFiles, settingsProblems } from '../deploy/validate';

function main(): number {
  const sets = renderOverlays();
  for (const { origin, objects } of sets) console.log(`${origin}: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  const problems = [...manifestProblems(sets), ...settingsProblems(repoDeployFiles(), sets)];
  const objects = sets.reduce((n, s) => n + s.objects.length, 0);
  if (problems.length > 0) {
    for (const p of problems) console.error(`invalid: ${p}`);
    console.error(`validate:deploy: ${problems.length} problem(s) in ${sets.length} overlays (${objects} objects)`);
    return 1;
  }
  console.log(`validate:deploy: ${sets.length} overlays, ${objects} objects: valid`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  console.error(`validate:deploy: ${(err as Error).message}`);
  process.exitCode = 1;
}
