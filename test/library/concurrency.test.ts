/**
 * 8 clients saving for 10 s on each backend: four on one shared form, four on forms of
 * their own. Every save is answered 200 or 409 (nothing else); every 200 is a version of
 * its own with its exact content (no lost update: versions = 1 + answered saves); every
 * 409 names a newer version than the one the client started from.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibraryError } from '@/lib/library/errors';
import type { LibraryRepository } from '@/lib/library/repository';
import { BACKENDS } from './support/backends';

const CLIENTS = 8;
const DURATION_MS = 10_000;

for (const make of BACKENDS) {
  const backend = make();
  describe.skipIf(!backend.available)(`concurrent saves on ${backend.name}`, () => {
    let repo: LibraryRepository;
    beforeAll(async () => {
      await backend.setup();
      repo = await backend.open();
    });
    afterAll(async () => {
      await repo?.close();
      await backend.teardown();
    });

    it(
      `${CLIENTS} clients for ${DURATION_MS / 1000} s: no lost update, every conflict a 409`,
      async () => {
        const shared = await repo.create({ name: 'shared', content: 'start' });
        const own = await Promise.all(Array.from({ length: CLIENTS / 2 }, (_, i) => repo.create({ name: `own-${i}`, content: 'start' })));
        const acked = new Map<number, Map<number, string>>();
        let conflicts = 0;
        const deadline = Date.now() + DURATION_MS;
        const client = async (c: number) => {
          const id = c < CLIENTS / 2 ? shared.id : own[c - CLIENTS / 2]!.id;
          for (let n = 0; Date.now() < deadline; n++) {
            const base = (await repo.get(id)).version;
            const content = `client ${c} save ${n}`;
            try {
              const saved = await repo.update(id, { content, base_version: base });
              if (!acked.has(id)) acked.set(id, new Map());
              const versions = acked.get(id)!;
              expect(versions.has(saved.version), `version ${saved.version} answered twice`).toBe(false);
              expect(saved.version).toBe(base + 1);
              versions.set(saved.version, content);
            } catch (err) {
              if (!(err instanceof LibraryError) || err.kind !== 'conflict') throw err;
              expect(err.conflict!.current.version).toBeGreaterThan(base);
              conflicts++;
            }
          }
        };
        await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

        for (const form of [shared, ...own]) {
          const answered = acked.get(form.id) ?? new Map<number, string>();
          const versions = await repo.versions(form.id);
          expect(versions.length).toBe(1 + answered.size);
          for (const [version, content] of answered) expect((await repo.version(form.id, version)).content).toBe(content);
        }
        const total = [...acked.values()].reduce((s, m) => s + m.size, 0);
        console.log(`${backend.name}: ${total} saves answered, ${conflicts} conflicts in ${DURATION_MS / 1000} s`);
        expect(total).toBeGreaterThan(CLIENTS);
        expect(conflicts).toBeGreaterThan(0);
      },
      DURATION_MS + 60_000,
    );
  });
}
