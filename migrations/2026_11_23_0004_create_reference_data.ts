import type { Kysely } from 'kysely';
import * as ref from '../seed/reference/2026-11-23.ts';

// Simple lists share one table; themes, factors, departments and timeframes have their own shape.
const LISTS: Record<string, ref.Term[]> = {
  source: ref.SOURCES,
  modality: ref.MODALITIES,
  body_area: ref.BODY_AREAS,
  setting: ref.SETTINGS,
  urgency: ref.URGENCIES,
  alert_category: ref.ALERT_CATEGORIES,
  harm: ref.HARMS,
  age_band: ref.AGE_BANDS,
  journey_stage: ref.JOURNEY_STAGES,
};

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vocabulary_terms')
    .addColumn('vocabulary', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('vocabulary_terms_pk', ['vocabulary', 'code'])
    .execute();
  await db.schema
    .createTable('themes')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('factors')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('theme_code', 'text', (c) => c.notNull().references('themes.code'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('departments')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('timeframes')
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('from_stage', 'text', (c) => c.notNull())
    .addColumn('to_stage', 'text', (c) => c.notNull())
    .addColumn('max_days', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('local', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('timeframes_pk', ['urgency', 'from_stage', 'to_stage'])
    .execute();

  const terms = Object.entries(LISTS).flatMap(([vocabulary, list]) =>
    list.map((t, i) => ({ vocabulary, code: t.code, label: t.label, position: i + 1, retired: 0 })),
  );
  await db.insertInto('vocabulary_terms').values(terms).execute();
  await db.insertInto('themes').values(ref.THEMES.map((t, i) => ({ code: t.code, label: t.label, summary: t.summary, position: i + 1 }))).execute();
  await db
    .insertInto('factors')
    .values(ref.THEMES.flatMap((t) => t.factors.map((f, i) => ({ code: f.code, theme_code: t.code, label: f.label, position: i + 1, retired: 0 }))))
    .execute();
  await db
    .insertInto('timeframes')
    .values(ref.TIMEFRAMES.map((t) => ({ urgency: t.urgency, from_stage: t.fromStage, to_stage: t.toStage, max_days: t.maxDays, source: t.source, local: t.local ? 1 : 0 })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['timeframes', 'departments', 'factors', 'themes', 'vocabulary_terms']) {
    await db.schema.dropTable(table).execute();
  }
}
