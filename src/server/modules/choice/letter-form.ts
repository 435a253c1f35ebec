/**
 * The 推荐函's structured form: what the recommending leading unit states about the market provider and product.
 * Saved in parts (a draft may be incomplete); `letterMissing` names what submission still needs.
 */
import { z } from 'zod';
import { catalogScenes, getCatalog } from '../../../core/assessment';
import { INDUSTRY_CODES } from '../../../core/identity/industries';
import { validateUscc } from '../../../core/identity/uscc';
import type { Text } from '../../../core/text';
import { bi } from '../../http/validation';

const SCENE_CODES: readonly string[] = catalogScenes(getCatalog()).map((s) => s.code);
const MOBILE_OR_PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;
const MAX_FEN = 100_000_000_000; // 10 亿元

const text = (max: number) => z.string().trim().max(max, bi(`不超过${max}字`, `At most ${max} characters`));

export const letterBody = z.strictObject({
  providerName: text(100).optional(),
  providerUscc: z
    .string()
    .trim()
    .max(40, bi('统一社会信用代码应为18位', 'The unified social credit code has 18 characters'))
    .superRefine((v, ctx) => {
      if (v === '') return;
      const r = validateUscc(v);
      if (!r.ok) ctx.addIssue({ code: 'custom', ...bi(r.message.zh, r.message.en) });
    })
    .optional(),
  contactName: text(50).optional(),
  contactPhone: z
    .string()
    .trim()
    .refine((v) => v === '' || MOBILE_OR_PHONE.test(v.replace(/\s/g, '')), bi('请填写11位手机号或带区号的固定电话', 'Enter an 11-digit mobile or a landline with its area code'))
    .optional(),
  productName: text(100).optional(),
  scenes: z.array(z.string().refine((c) => SCENE_CODES.includes(c), bi('未知的应用场景', 'Unknown scene'))).max(16, bi('最多16个场景', 'At most 16 scenes')).optional(),
  industries: z.array(z.string().refine((c) => (INDUSTRY_CODES as readonly string[]).includes(c), bi('未知的行业', 'Unknown industry'))).max(50, bi('行业过多', 'Too many industries')).optional(),
  priceMinFen: z.number().int(bi('价格应为整数分', 'Prices are whole fen')).min(0, bi('价格不能为负数', 'Prices cannot be negative')).max(MAX_FEN, bi('价格过大', 'The price is too large')).nullable().optional(),
  priceMaxFen: z.number().int(bi('价格应为整数分', 'Prices are whole fen')).min(0, bi('价格不能为负数', 'Prices cannot be negative')).max(MAX_FEN, bi('价格过大', 'The price is too large')).nullable().optional(),
  deliveryDays: z.number().int(bi('交付周期应为整数天', 'Delivery time is whole days')).min(1, bi('交付周期至少1天', 'At least 1 day')).max(3650, bi('交付周期不超过3650天', 'At most 3650 days')).nullable().optional(),
  description: text(2000).optional(),
  reasons: text(2000).optional(),
  experience: text(2000).optional(),
}).superRefine((v, ctx) => {
  if (v.priceMinFen != null && v.priceMaxFen != null && v.priceMinFen > v.priceMaxFen) {
    ctx.addIssue({ code: 'custom', path: ['priceMaxFen'], ...bi('最高价不能低于最低价', 'The highest price cannot be below the lowest') });
  }
});

export type LetterForm = z.infer<typeof letterBody>;

const FIELDS: Array<{ label: Text; present: (f: LetterForm) => boolean }> = [
  { label: { zh: '推荐服务商名称', en: 'Provider name' }, present: (f) => !!f.providerName?.trim() },
  { label: { zh: '服务商统一社会信用代码', en: "Provider's unified social credit code" }, present: (f) => !!f.providerUscc && validateUscc(f.providerUscc).ok },
  { label: { zh: '联系人', en: 'Contact person' }, present: (f) => !!f.contactName?.trim() },
  { label: { zh: '联系电话', en: 'Contact phone' }, present: (f) => !!f.contactPhone?.trim() },
  { label: { zh: '产品名称', en: 'Product name' }, present: (f) => !!f.productName?.trim() },
  { label: { zh: '适用场景', en: 'Scenes' }, present: (f) => (f.scenes?.length ?? 0) > 0 },
  { label: { zh: '价格区间', en: 'Price range' }, present: (f) => f.priceMinFen != null && f.priceMaxFen != null },
  { label: { zh: '交付周期', en: 'Delivery time' }, present: (f) => f.deliveryDays != null },
  { label: { zh: '小快轻准说明', en: '“Small, fast, light, precise” description' }, present: (f) => !!f.description?.trim() },
  { label: { zh: '推荐理由', en: 'Reasons for recommending' }, present: (f) => !!f.reasons?.trim() },
  { label: { zh: '本单位使用或合作经验', en: 'Our experience with it' }, present: (f) => !!f.experience?.trim() },
];

/** The letter as stored on the entry (`data.letter`), tolerant of anything odd in old rows. */
export function letterOf(data: Record<string, unknown>): LetterForm {
  const parsed = letterBody.safeParse(data.letter ?? {});
  return parsed.success ? parsed.data : {};
}

/** What the letter still needs before it can be submitted. */
export function letterMissing(f: LetterForm): Text[] {
  return FIELDS.filter((x) => !x.present(f)).map((x) => x.label);
}
