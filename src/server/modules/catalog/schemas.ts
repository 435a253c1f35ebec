/** Input and output schemas of the catalog: a provider's product, the searches, the bureau's review. */
import { z } from 'zod';
import { catalogScenes, getCatalog, indexCatalog } from '../../../core/assessment';
import { INDUSTRY_CODES } from '../../../core/identity/industries';
import { pageQuery, paged, textSchema } from '../../http/schemas';
import { bi } from '../../http/validation';
import { PROVIDER_ORG_TYPES } from './service';

export const SCENE_CODES: readonly string[] = catalogScenes(getCatalog()).map((s) => s.code);
export const INDICATOR_CODES: readonly string[] = [...indexCatalog(getCatalog()).indicators.keys()];
/** 1 亿元: an upper bound that keeps prices far from the integer limits. */
export const MAX_PRICE_FEN = 10_000_000_000;

const fen = (zh: string, en: string) =>
  z
    .number(bi(`${zh}须为数字（单位：分）`, `${en} must be a number (in fen)`))
    .int(bi(`${zh}须为整数分`, `${en} must be whole fen`))
    .min(0, bi(`${zh}不能为负数`, `${en} cannot be negative`))
    .max(MAX_PRICE_FEN, bi(`${zh}不能超过 1 亿元`, `${en} cannot exceed 100 million yuan`));

export const productBody = z
  .strictObject({
    name: z.string(bi('请填写产品名称', 'Enter the product name')).trim().min(2, bi('产品名称至少 2 个字', 'The product name needs at least 2 characters')).max(100, bi('产品名称不超过 100 个字', 'The product name has at most 100 characters')),
    nameEn: z.string().trim().max(200, bi('英文名称不超过 200 个字符', 'The English name has at most 200 characters')).default(''),
    summary: z.string(bi('请填写产品简介', 'Enter a summary')).trim().min(5, bi('产品简介至少 5 个字', 'The summary needs at least 5 characters')).max(300, bi('产品简介不超过 300 个字', 'The summary has at most 300 characters')),
    scenes: z
      .array(z.string().refine((s) => SCENE_CODES.includes(s), bi('适用场景不在评测场景目录中', 'The scene is not one of the assessment scenes')), bi('请选择适用场景', 'Choose the scenes'))
      .min(1, bi('请至少选择一个适用场景', 'Choose at least one scene'))
      .max(16, bi('适用场景最多 16 个', 'At most 16 scenes'))
      .refine((a) => new Set(a).size === a.length, bi('适用场景不能重复', 'Scenes must not repeat')),
    indicators: z
      .array(z.string().refine((s) => INDICATOR_CODES.includes(s), bi('评测指标不在指标目录中', 'The indicator is not one of the assessment indicators')))
      .max(50, bi('评测指标最多 50 个', 'At most 50 indicators'))
      .refine((a) => new Set(a).size === a.length, bi('评测指标不能重复', 'Indicators must not repeat'))
      .default([]),
    industries: z
      .array(z.string().refine((s) => (INDUSTRY_CODES as readonly string[]).includes(s), bi('行业代码无效（应为制造业大类 13–43）', 'Invalid industry code (manufacturing divisions 13–43)')))
      .max(31, bi('适用行业最多 31 个', 'At most 31 industries'))
      .refine((a) => new Set(a).size === a.length, bi('适用行业不能重复', 'Industries must not repeat'))
      .default([]),
    priceMinFen: fen('最低价格', 'The lowest price'),
    priceMaxFen: fen('最高价格', 'The highest price'),
    deliveryDays: z
      .number(bi('请填写交付周期（天）', 'Enter the delivery time (days)'))
      .int(bi('交付周期须为整数天', 'The delivery time must be whole days'))
      .min(1, bi('交付周期至少 1 天', 'The delivery time is at least 1 day'))
      .max(730, bi('交付周期不超过 730 天', 'The delivery time is at most 730 days')),
    description: z
      .string(bi('请填写“小快轻准”说明', 'Describe how the product is small, fast, light and precise'))
      .trim()
      .min(10, bi('“小快轻准”说明至少 10 个字', 'The “small, fast, light, precise” description needs at least 10 characters'))
      .max(2000, bi('“小快轻准”说明不超过 2000 个字', 'The description has at most 2000 characters')),
    references: z.string().trim().max(2000, bi('应用案例不超过 2000 个字', 'The references have at most 2000 characters')).default(''),
  })
  .superRefine((v, c) => {
    if (v.priceMinFen > v.priceMaxFen) c.addIssue({ code: 'custom', path: ['priceMaxFen'], message: bi('最高价格不能低于最低价格', 'The highest price cannot be below the lowest price').message });
  });
export type ProductInput = z.output<typeof productBody>;

export const PRODUCT_STATUSES = ['draft', 'underReview', 'returned', 'approved', 'rejected', 'withdrawn'] as const;

const uuidList = z
  .string()
  .max(37 * 100)
  .transform((s, c) => {
    const ids = s.split(',').map((x) => x.trim()).filter(Boolean);
    if (ids.length > 100) c.addIssue({ code: 'custom', message: bi('一次最多查询 100 个产品', 'At most 100 products at once').message });
    if (ids.some((x) => !z.uuid().safeParse(x).success)) c.addIssue({ code: 'custom', message: bi('产品编号无效', 'Invalid product id').message });
    return ids;
  });

export const catalogQueryFields = {
  ...pageQuery,
  pageSize: z.coerce.number().int().min(1).max(50).default(12),
  q: z.string().trim().max(100, bi('搜索词不超过 100 个字', 'At most 100 characters')).optional(),
  scene: z.enum(SCENE_CODES as [string, ...string[]], bi('场景无效', 'Unknown scene')).optional(),
  industry: z.enum(INDUSTRY_CODES as unknown as [string, ...string[]], bi('行业代码无效', 'Unknown industry code')).optional(),
  priceMax: z.coerce.number(bi('价格上限须为数字（分）', 'priceMax must be a number (fen)')).int(bi('价格上限须为整数分', 'priceMax must be whole fen')).min(0, bi('价格上限不能为负数', 'priceMax cannot be negative')).max(MAX_PRICE_FEN).optional(),
  providerType: z.enum(PROVIDER_ORG_TYPES, bi('服务商类型应为 leading_unit 或 catalog_provider', 'providerType is leading_unit or catalog_provider')).optional(),
};
export const publicCatalogQuery = z.strictObject(catalogQueryFields);
export const signedInCatalogQuery = z.strictObject({
  ...catalogQueryFields,
  ids: uuidList.optional(),
  providerOrgId: z.uuid(bi('服务商编号无效', 'Invalid provider id')).optional(),
});

export const catalogItem = z.object({
  id: z.string(),
  name: z.string(),
  summary: z.string(),
  scenes: z.array(z.string()),
  indicators: z.array(z.string()),
  industries: z.array(z.string()),
  priceMinFen: z.number().int().nullable(),
  priceMaxFen: z.number().int().nullable(),
  deliveryDays: z.number().int().nullable(),
  description: z.string(),
  references: z.string(),
  provider: z.object({ id: z.string(), name: z.string(), type: z.enum(PROVIDER_ORG_TYPES) }),
});
export const catalogPage = paged(catalogItem);

export const providerItem = z.object({ id: z.string(), name: z.string(), type: z.enum(PROVIDER_ORG_TYPES), productCount: z.number().int() });

export const snapshotSchema = z.object({
  name: z.string(),
  nameEn: z.string(),
  summary: z.string(),
  scenes: z.array(z.string()),
  indicators: z.array(z.string()),
  industries: z.array(z.string()),
  priceMinFen: z.number().int().nullable(),
  priceMaxFen: z.number().int().nullable(),
  deliveryDays: z.number().int().nullable(),
  description: z.string(),
  references: z.string(),
});
export type ProductSnapshot = z.infer<typeof snapshotSchema>;

const action = z.object({ event: z.string(), label: textSchema, kind: z.string(), needsReason: z.boolean(), confirm: textSchema.nullable(), allowed: z.boolean(), reasons: z.array(textSchema) });

export const myProduct = snapshotSchema.extend({
  id: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  entryId: z.string().nullable(),
  returnReason: z.string().nullable(),
  decisionReason: z.string().nullable(),
  updatedAt: z.string(),
  actions: z.array(action),
  editable: z.boolean(),
});

export const diffItem = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const entrySummary = z.object({
  id: z.string(),
  state: z.string(),
  productId: z.string(),
  productName: z.string(),
  provider: z.object({ id: z.string(), name: z.string(), type: z.string() }),
  submissions: z.number().int(),
  submittedAt: z.string().nullable(),
  changedFields: z.array(z.string()),
});

export const entryDetail = entrySummary.extend({
  snapshot: snapshotSchema,
  previous: snapshotSchema.nullable(),
  diff: z.array(diffItem),
  returnReason: z.string().nullable(),
  actions: z.array(action),
  history: z.array(z.object({ event: z.string(), label: textSchema, from: z.string(), to: z.string(), at: z.string(), actorOrgName: z.string().nullable(), reason: z.string().nullable() })),
});

export const entriesQuery = z.strictObject({
  ...pageQuery,
  state: z.enum(['underReview', 'returned', 'approved', 'rejected', 'withdrawn', 'all'], bi('状态无效', 'Unknown state')).default('underReview'),
  q: z.string().trim().max(100).optional(),
  providerType: z.enum(PROVIDER_ORG_TYPES).optional(),
});

export const decisionBody = z.strictObject({
  event: z.enum(['approve', 'returnForRevision', 'reject'], bi('审核操作应为通过、退回或不予入库', 'The decision is approve, returnForRevision or reject')),
  reason: z.string().trim().max(500, bi('原因不超过 500 个字', 'The reason has at most 500 characters')).optional(),
});
