import path from 'node:path';
import Handlebars from 'handlebars';
import { ExpressHandlebars } from 'express-handlebars';
import { viewsDir } from '../paths.ts';
import { helpers } from './helpers/index.ts';

/**
 * With the view cache on (production), express-handlebars still gathers every partial afresh for
 * each render, one promise per file; the set never changes then, so it is gathered once.
 */
class CachingHandlebars extends ExpressHandlebars {
  private partialsOnce?: ReturnType<ExpressHandlebars['getPartials']>;

  override getPartials(options?: Parameters<ExpressHandlebars['getPartials']>[0]): ReturnType<ExpressHandlebars['getPartials']> {
    if (!options?.cache) return super.getPartials(options);
    this.partialsOnce ??= super.getPartials(options).catch((err: unknown) => {
      this.partialsOnce = undefined;
      throw err;
    });
    return this.partialsOnce;
  }
}

/**
 * One handlebars instance for the app and its tests.
 *
 * NHS component partials live in views/partials/nhsuk/<component>.hbs and take exactly the options
 * of the design system's Nunjucks macro. Call them with an explicit context so nothing leaks in
 * from the page: `{{> nhsuk/button (params text="Save")}}` or `{{> nhsuk/summary-list summary}}`.
 * Options named `html` (or `…Html`) are markup: pass a SafeString built by a helper, never user text.
 * A partial's private pieces are partials of their own (`nhsuk/_tables-cell-content`), never
 * `{{#*inline}}`: each time a template holding an inline partial runs, handlebars copies the whole
 * table of partials, and in a table cell that was a third of a small page's rendering.
 */
export function createViewEngine(): ExpressHandlebars {
  const handlebars = Handlebars.create();
  return new CachingHandlebars({
    handlebars,
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(viewsDir, 'layouts'),
    partialsDir: path.join(viewsDir, 'partials'),
    helpers,
    // Handlebars indents every line a standalone partial outputs to the partial tag's column: that
    // put spaces into the lines of a textarea's value, saved again on the next submit, and re-cutting
    // every partial's output line by line was a fifth of a page's rendering time.
    compilerOptions: { preventIndent: true },
  });
}

/** A handlebars instance with every helper and partial registered, for rendering outside express. */
export async function createRenderer(): Promise<typeof Handlebars> {
  const engine = createViewEngine();
  const partials = await engine.getPartials();
  const hbs = engine.handlebars as typeof Handlebars;
  hbs.registerHelper(helpers);
  for (const [name, template] of Object.entries(partials)) hbs.registerPartial(name, template as Handlebars.Template);
  return hbs;
}
