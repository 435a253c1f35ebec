/**
 * The action dialog's form, read from the JSON Schema the server sends with an action (the table's event input,
 * see core/workflow/inputs.ts): one field per property, drawn by its `x-widget`, titled from `title` ("中文 / English"),
 * required from `required`, limits from minLength / maxLength / minimum / maximum / minItems. Pure functions only
 * (no React), unit-tested in ActionDialog.test.ts.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type { Lang } from '../lib/lang';
import type { Text } from '../../core/text';

export type FieldWidget = 'institution' | 'slots' | 'level' | 'date' | 'textarea' | 'select' | 'checkboxes' | 'number' | 'text' | 'rate' | 'consent';

export interface FieldOption {
  value: string | number;
  label: string;
}

export interface ActionField {
  name: string;
  widget: FieldWidget;
  label: string;
  description: string | null;
  required: boolean;
  minLength: number | null;
  maxLength: number | null;
  minimum: number | null;
  maximum: number | null;
  minItems: number | null;
  maxItems: number | null;
  integer: boolean;
  options: FieldOption[];
  defaultValue: unknown;
  /** For an institution picker: the institution kinds the schema allows (`x-kinds`), empty for any. */
  kinds: string[];
  /** For an institution picker: the assignment it serves (`x-assignment`), whose conflicts the server flags. */
  assignment: 'diagnosis' | 'evaluation' | null;
}

const KNOWN_WIDGETS: readonly FieldWidget[] = ['institution', 'slots', 'level', 'date', 'textarea', 'rate', 'consent'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** "中文 / English" in the current language (a title without " / " is the same in both). */
export function splitTitle(title: unknown, lang: Lang): string {
  if (typeof title !== 'string') return '';
  // "中文 / English", also written "中文（说明）/ English" (no space after a full-width parenthesis).
  const m = / \/ |(?<=）)\/ /.exec(title);
  if (!m) return title;
  const zh = title.slice(0, m.index).trim();
  const en = title.slice(m.index + m[0].length).trim();
  return lang === 'en' ? en || zh : zh || en;
}

function optionLabel(label: unknown, lang: Lang, value: unknown): string {
  if (typeof label === 'string') return splitTitle(label, lang);
  if (isRecord(label) && typeof label.zh === 'string') {
    const t = label as unknown as Text;
    return lang === 'en' ? t.en || t.zh : t.zh || t.en;
  }
  return String(value);
}

/** The options of a field: its `x-options` ({ value, label }) or, without them, its enum (or its items' enum). */
function optionsOf(prop: Record<string, unknown>, lang: Lang): FieldOption[] {
  if (Array.isArray(prop['x-options'])) {
    return prop['x-options']
      .filter(isRecord)
      .filter((o) => typeof o.value === 'string' || typeof o.value === 'number')
      .map((o) => ({ value: o.value as string | number, label: optionLabel(o.label, lang, o.value) }));
  }
  const values = Array.isArray(prop.enum) ? prop.enum : isRecord(prop.items) && Array.isArray(prop.items.enum) ? prop.items.enum : [];
  return values.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map((v) => ({ value: v, label: String(v) }));
}

function widgetOf(prop: Record<string, unknown>, options: FieldOption[]): FieldWidget {
  const w = prop['x-widget'];
  if (typeof w === 'string' && (KNOWN_WIDGETS as readonly string[]).includes(w)) return w as FieldWidget;
  if (prop.type === 'array') return 'checkboxes';
  if (options.length > 0) return 'select';
  if (prop.type === 'integer' || prop.type === 'number') return 'number';
  if (prop.format === 'date') return 'date';
  return 'text';
}

/** The dialog's fields from an action's input schema, in the schema's order (none for a null schema). */
export function fieldsFromSchema(schema: Record<string, unknown> | null | undefined, lang: Lang): ActionField[] {
  if (!schema || !isRecord(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  return Object.entries(schema.properties)
    .filter((e): e is [string, Record<string, unknown>] => isRecord(e[1]))
    .map(([name, prop]) => {
      const options = optionsOf(prop, lang);
      return {
        name,
        widget: widgetOf(prop, options),
        label: splitTitle(prop.title, lang) || name,
        description: typeof prop.description === 'string' ? splitTitle(prop.description, lang) : null,
        required: required.has(name),
        minLength: num(prop.minLength),
        maxLength: num(prop.maxLength),
        minimum: num(prop.minimum),
        maximum: num(prop.maximum),
        minItems: num(prop.minItems),
        maxItems: num(prop.maxItems),
        integer: prop.type === 'integer',
        options,
        defaultValue: prop.default,
        kinds: Array.isArray(prop['x-kinds']) ? prop['x-kinds'].filter((k): k is string => typeof k === 'string') : [],
        assignment: prop['x-assignment'] === 'evaluation' || prop['x-assignment'] === 'diagnosis' ? prop['x-assignment'] : null,
      };
    });
}

/** What a field's rule messages say (the caller fills them from i18n). */
export interface RuleMessages {
  required: (label: string) => string;
  minLength: (label: string, n: number) => string;
  maxLength: (label: string, n: number) => string;
  minItems: (label: string, n: number) => string;
  maxItems: (label: string, n: number) => string;
  range: (label: string, min: number | null, max: number | null) => string;
}

/** A rule in antd Form's shape (plain data, so it can be tested without React). */
export interface FieldRule {
  required?: boolean;
  whitespace?: boolean;
  type?: 'array' | 'string' | 'number' | 'enum';
  /** With type 'enum': the only values accepted (a consent checkbox accepts only `true`). */
  enum?: unknown[];
  min?: number;
  max?: number;
  message: string;
}

/** The form rules of a field: required, lengths, counts and ranges from the schema. */
export function rulesFor(f: ActionField, m: RuleMessages): FieldRule[] {
  const rules: FieldRule[] = [];
  const isText = f.widget === 'text' || f.widget === 'textarea';
  const isList = f.widget === 'slots' || f.widget === 'checkboxes';
  const isNumber = f.widget === 'number' || f.widget === 'rate' || (f.widget === 'level' && typeof f.options[0]?.value === 'number');
  // A declaration must be ticked: only `true` passes (unticked is false, not empty).
  if (f.widget === 'consent') return f.required ? [{ required: true, type: 'enum', enum: [true], message: m.required(f.label) }] : [];
  if (f.required) rules.push({ required: true, ...(isText ? { whitespace: true } : {}), message: m.required(f.label) });
  if (isText) {
    if (f.minLength !== null && f.minLength > 0) rules.push({ type: 'string', min: f.minLength, message: m.minLength(f.label, f.minLength) });
    if (f.maxLength !== null) rules.push({ type: 'string', max: f.maxLength, message: m.maxLength(f.label, f.maxLength) });
  }
  if (isList) {
    if (f.minItems !== null && f.minItems > 0) rules.push({ type: 'array', min: f.minItems, message: m.minItems(f.label, f.minItems) });
    if (f.maxItems !== null) rules.push({ type: 'array', max: f.maxItems, message: m.maxItems(f.label, f.maxItems) });
  }
  if (isNumber && (f.minimum !== null || f.maximum !== null)) {
    rules.push({ type: 'number', ...(f.minimum !== null ? { min: f.minimum } : {}), ...(f.maximum !== null ? { max: f.maximum } : {}), message: m.range(f.label, f.minimum, f.maximum) });
  }
  return rules;
}

/** The form's starting values: the schema's defaults, and the suggested institution where one is offered. */
export function initialValues(fields: readonly ActionField[], suggestedInstitution: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.widget === 'institution') {
      if (suggestedInstitution) out[f.name] = suggestedInstitution;
    } else if (f.widget === 'date') {
      if (typeof f.defaultValue === 'string' && dayjs(f.defaultValue).isValid()) out[f.name] = dayjs(f.defaultValue);
    } else if (f.defaultValue !== undefined && !(typeof f.defaultValue === 'string' && f.defaultValue === '')) {
      out[f.name] = f.defaultValue;
    }
  }
  return out;
}

function isDayjs(v: unknown): v is Dayjs {
  return dayjs.isDayjs(v);
}

/**
 * The event's `input` from the form's values: dates as YYYY-MM-DD, text trimmed, empty optional fields left out
 * (so the server's defaults and working-day rules apply). Unknown names are dropped (the schemas are strict).
 */
export function inputFromValues(fields: readonly ActionField[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let v = values[f.name];
    if (isDayjs(v)) v = v.format('YYYY-MM-DD');
    if (typeof v === 'string') v = v.trim();
    if (v === undefined || v === null || (typeof v === 'string' && v === '' && !f.required) || (Array.isArray(v) && v.length === 0 && !f.required)) continue;
    if (f.widget === 'number' && typeof v === 'string' && v !== '' && Number.isFinite(Number(v))) v = Number(v);
    out[f.name] = v;
  }
  return out;
}

/** Where the reason field sits in the dialog's form (never a schema property: those are the input's). */
export const REASON_FIELD = '__reason';

/**
 * The server's field errors (INPUT_INVALID: `input.painPoints`; a missing reason: `reason`) as form fields;
 * the ones that name no field of the dialog are returned apart, to be shown above the form.
 */
export function fieldErrorsFor(
  fields: readonly ActionField[],
  errors: readonly { path: string; message: string }[],
): { byField: { name: string; errors: string[] }[]; rest: string[] } {
  const names = new Set(fields.map((f) => f.name));
  const map = new Map<string, string[]>();
  const rest: string[] = [];
  for (const e of errors) {
    const parts = e.path.split('.');
    const name = parts[0] === 'input' && parts[1] && names.has(parts[1]) ? parts[1] : parts[0] === 'reason' ? REASON_FIELD : null;
    if (!name) {
      rest.push(e.message);
      continue;
    }
    map.set(name, [...(map.get(name) ?? []), e.message]);
  }
  return { byField: [...map.entries()].map(([name, errs]) => ({ name, errors: errs })), rest };
}

/** An institution the dialog may offer, with how busy it is. */
export interface WorkloadRow {
  id: string;
  name: string;
  kind: string;
  open: number;
  overdue: number;
  suggested: boolean;
  /** Why it may not take this project (a conflict of interest), null if it may. */
  conflict?: Text | null;
}

/** The institutions a picker offers: those of the kinds its schema names (`kinds`), or all. */
export function rowsForKinds(rows: readonly WorkloadRow[], kinds: readonly string[]): WorkloadRow[] {
  return kinds.length === 0 ? [...rows] : rows.filter((r) => kinds.includes(r.kind));
}

/** The institution picker's options: "名称 · 在办 N 项（超期 M）", the suggested one first and marked. */
export function institutionOptions(
  rows: readonly WorkloadRow[],
  text: (r: WorkloadRow) => string,
): { value: string; label: string; suggested: boolean; disabled: boolean }[] {
  return [...rows]
    .sort((a, b) => Number(Boolean(a.conflict)) - Number(Boolean(b.conflict)) || Number(b.suggested) - Number(a.suggested))
    .map((r) => ({ value: r.id, label: text(r), suggested: r.suggested, disabled: Boolean(r.conflict) }));
}

/** The institution to preselect: the suggested one, if the list has one. */
export function suggestedInstitution(rows: readonly WorkloadRow[]): string | null {
  return rows.find((r) => r.suggested)?.id ?? null;
}
