/**
 * The baseline for page throughput: a bare express + handlebars app rendering one page of about
 * BARE_PAGE_BYTES (the case page's size), with production view caching, no session or database.
 */
import { fileURLToPath } from 'node:url';
import express from 'express';
import { engine } from 'express-handlebars';

const bytes = Number(process.env.BARE_PAGE_BYTES ?? 20_000);
const port = Number(process.env.PORT ?? 0);
const ROW_BYTES = 190;
const rows = Array.from({ length: Math.max(1, Math.round(bytes / ROW_BYTES)) }, (_, i) => ({
  label: `Field ${i + 1}`,
  ref: `CB-2026-${String(i + 1).padStart(5, '0')}`,
  text: 'The report was issued on time but the unexpected finding was not flagged & nobody acted on it.',
}));
const nav = ['Home', 'Cases', 'Search', 'Trends', 'Reviews'].map((text) => ({ text, href: `/${text.toLowerCase()}` }));

const app = express();
app.disable('x-powered-by');
app.engine('hbs', engine({ extname: '.hbs', defaultLayout: false }));
app.set('view engine', 'hbs');
app.set('views', fileURLToPath(new URL('.', import.meta.url)));
app.get('/', (_req, res) => res.render('bare-page', { title: 'A bare page', nav, rows }));
const server = app.listen(port, '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare page at http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
