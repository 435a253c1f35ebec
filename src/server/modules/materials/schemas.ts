/** Materials: the checklist of a project's slots, one upload, one file's versions (zod → OpenAPI). */
import { z } from 'zod';
import { bi } from '../../http/validation';
import { textSchema } from '../../http/schemas';

/** A slot key as the workflow tables write them: `phase.name` (letters, digits, dots). */
export const SLOT_KEY = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*){0,3}$/;

const slotKey = z.string().max(80).regex(SLOT_KEY, bi('材料项标识不正确', 'Malformed material slot key'));

export const projectSlotParams = z.strictObject({ id: z.uuid(), slotKey });

/** Material ids are the row's serial number. */
export const materialParams = z.strictObject({ id: z.string().regex(/^[1-9][0-9]{0,15}$/, bi('材料编号不正确', 'Malformed material id')) });

export const downloadQuery = z.strictObject({ inline: z.enum(['0', '1']).optional() });

export const fileKind = z.enum(['pdf', 'image', 'office']);

export const materialFile = z.object({
  id: z.string(),
  slotKey: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  kind: fileKind,
  mime: z.string(),
  /** The project state the file was uploaded in. */
  state: z.string(),
  uploadedAt: z.string(),
  uploaderName: z.string(),
  uploaderOrgId: z.string(),
  uploaderOrgName: z.string(),
  onBehalfOfOrgName: z.string().nullable(),
  /** The caller's organisation uploaded it. */
  mine: z.boolean(),
  /** A newer upload replaced it (it stays as a version). */
  supersededAt: z.string().nullable(),
  /** Removed by its uploader (shown to the bureau only). */
  removedAt: z.string().nullable(),
  /** The caller may remove it now (own current file, slot open in this state). */
  canRemove: z.boolean(),
});

export const materialSlotView = z.object({
  key: z.string(),
  label: textSchema,
  required: z.boolean(),
  accept: z.array(fileKind),
  maxBytes: z.number().int(),
  multiple: z.boolean(),
  /** Each file belongs to a recorded item (a training session): uploaded where the items are kept, with `itemId`. */
  items: z.enum(['trainingSession']).nullable(),
  uploaders: z.array(z.string()),
  /** The slot belongs to the project's current state (otherwise it is listed because it holds files). */
  current: z.boolean(),
  canUpload: z.boolean(),
  /** Why not, when canUpload is false. */
  reason: textSchema.nullable(),
  reasonCode: z.string().nullable(),
  /** An institution asked for this material and nothing has been uploaded since. */
  requested: z.object({ note: z.string(), dueOn: z.string().nullable(), requestedAt: z.string(), requestedByOrgName: z.string() }).nullable(),
  present: z.boolean(),
  files: z.array(materialFile),
  /** Every upload the caller may see in this slot, the current ones included. */
  versions: z.number().int(),
});

export const checklistSchema = z.object({
  projectId: z.string(),
  state: z.string(),
  stateLabel: textSchema,
  slots: z.array(materialSlotView),
  /** Labels of the current state's required slots that hold no file. */
  missing: z.array(textSchema),
  /** The largest upload the server accepts at all (a slot may allow less). */
  uploadMaxBytes: z.number().int(),
});

export type MaterialFileView = z.infer<typeof materialFile>;
export type MaterialSlotView = z.infer<typeof materialSlotView>;
export type Checklist = z.infer<typeof checklistSchema>;
