import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../../server/web/view-engine.ts';

async function render(context: unknown): Promise<string> {
  return (await createRenderer()).compile('{{linkOrButton element href type}}')(context);
}

describe('linkOrButton helper', () => {
  it('is a link when there is an href and no type', async () => {
    expect(await render({ href: '/' })).toBe('a');
  });

  it('is a button with a type or without an href', async () => {
    expect(await render({ href: '/', type: 'submit' })).toBe('button');
    expect(await render({})).toBe('button');
  });

  it('uses an explicit element, lower-cased', async () => {
    expect(await render({ element: 'INPUT', href: '/' })).toBe('input');
  });

  it('refuses an element that is not a tag name', async () => {
    expect(await render({ element: 'a onclick=x' })).toBe('button');
  });
});
