import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logCase } from '../support/cases.ts';
import { $, createTestApp, createUser, signedInAgent, tokenFor, type TestContext } from '../support/test-app.ts';

let ctx: TestContext;
let safety: ReturnType<typeof request.agent>;
let director: ReturnType<typeof request.agent>;
let ref: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const author = await createUser(ctx, 'safety');
  safety = await signedInAgent(ctx, author.email);
  director = await signedInAgent(ctx, (await createUser(ctx, 'director')).email);
  ref = (await logCase(ctx, author)).ref;
});
afterAll(async () => ctx.close());

const titleOf = (res: request.Response) => $(res.text)('title').text();

// A screen reader hears the title first: "Error:" once, then the page.
describe('a page showing an error summary', () => {
  it.each([
    ['the case list with an unknown sort', '/cases?sort=bogus', 'Error: Cases –'],
    ['search with an unknown sort', '/search?q=ct&sort=bogus', 'Error: Search cases –'],
    ['a trend chart whose months run backwards', '/trends/chart?measure=all&from=2026-11&to=2023-10', 'Error: '],
  ])('says Error once in its title: %s', async (_, path, start) => {
    const res = await director.get(path);
    expect(res.status).toBe(400);
    expect(titleOf(res).startsWith(start)).toBe(true);
    expect(titleOf(res)).not.toContain('Error: Error');
  });

  it('says Error once in its title after a form is refused', async () => {
    const page = `/cases/${ref}/withdraw`;
    const res = await safety.post(page).type('form').send({ _csrf: await tokenFor(safety, page), reason: '', version: '1' });
    expect(res.status).toBe(400);
    expect(titleOf(res)).toMatch(/^Error: Withdraw this case: CB-\d{4}-\d{5} –/);
  });
});
