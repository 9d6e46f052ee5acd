import path from 'node:path';
import Handlebars from 'handlebars';
import { ExpressHandlebars } from 'express-handlebars';
import { viewsDir } from '../paths.ts';
import { helpers } from './helpers/index.ts';

type Template = (context: unknown) => string;
type RenderCallback = (err: Error | null, html?: string) => void;

/**
 * With the view cache on (production), express-handlebars still gathers every partial afresh for
 * each render, one promise per file; the set never changes then, so it is gathered once.
 *
 * It also copied every helper and every partial into fresh objects three times a page, and the page's
 * context once more, before handlebars copied the helpers again: a third of the time a small page
 * took to render. Pages are rendered here instead, as express-handlebars renders them (the view with
 * the page's context, then its layout with the view's HTML as `body`, each trimmed), with the helpers
 * and partials registered on this engine's own handlebars: once with the cache on, and for every page
 * without it, so an edited partial shows at once in development.
 */
class CachingHandlebars extends ExpressHandlebars {
  private partialsOnce?: ReturnType<ExpressHandlebars['getPartials']>;
  private registered?: Promise<void>;
  private readonly layoutPaths = new Map<string, string>();

  override getPartials(options?: Parameters<ExpressHandlebars['getPartials']>[0]): ReturnType<ExpressHandlebars['getPartials']> {
    if (!options?.cache) return super.getPartials(options);
    this.partialsOnce ??= super.getPartials(options).catch((err: unknown) => {
      this.partialsOnce = undefined;
      throw err;
    });
    return this.partialsOnce;
  }

  // Typed loosely: the base method's overloads cannot be matched one by one. Express always passes
  // a context and a callback; anything else goes to express-handlebars as before.
  override renderView(...args: unknown[]): Promise<never> {
    const [viewPath, context, callback] = args as [string, Record<string, unknown> | undefined, RenderCallback | undefined];
    const plain = typeof context === 'object' && context !== null && !context.helpers && !context.partials && !context.data && !context.runtimeOptions;
    if (!plain || typeof callback !== 'function') return (super.renderView as (...a: unknown[]) => Promise<never>)(...args);
    // As express-handlebars does: an error thrown by the callback itself (a response already sent)
    // goes back to it, so express hands it on rather than it being an unhandled rejection.
    void this.renderPage(viewPath, context)
      .then((html) => callback(null, html))
      .catch((err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
    return Promise.resolve(null as never);
  }

  private async renderPage(viewPath: string, context: Record<string, unknown>): Promise<string> {
    const cache = context.cache === true;
    const registering = cache ? (this.registered ??= this.register(true)) : this.register(false);
    const layout = 'layout' in context ? context.layout : this.defaultLayout;
    const [view, layoutTemplate] = await Promise.all([
      this.template(viewPath, cache),
      typeof layout === 'string' && layout ? this.template(this.layoutPath(layout), cache) : undefined,
      registering,
    ]);
    const body = view(context).trim();
    return layoutTemplate ? layoutTemplate(Object.assign({}, context, { body })).trim() : body;
  }

  private async register(cache: boolean): Promise<void> {
    const handlebars = this.handlebars as typeof Handlebars;
    handlebars.registerHelper(this.helpers);
    const partials = await this.getPartials({ cache });
    for (const [name, template] of Object.entries(partials)) handlebars.registerPartial(name, template as Handlebars.Template);
  }

  private async template(file: string, cache: boolean): Promise<Template> {
    return (await this.getTemplate(file, { cache })) as Template;
  }

  private layoutPath(name: string): string {
    let file = this.layoutPaths.get(name);
    if (!file) this.layoutPaths.set(name, (file = path.resolve(this.layoutsDir, path.extname(name) ? name : name + this.extname)));
    return file;
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
