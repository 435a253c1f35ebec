/** Hooks of the catalog area: the public catalog, a provider's own products, the bureau's entry review. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Text } from '../../core/text';

export type ProviderType = 'leading_unit' | 'catalog_provider';
export type ProductStatus = 'draft' | 'underReview' | 'returned' | 'approved' | 'rejected' | 'withdrawn';

export interface ProductFields {
  name: string;
  nameEn: string;
  summary: string;
  scenes: string[];
  indicators: string[];
  industries: string[];
  priceMinFen: number | null;
  priceMaxFen: number | null;
  deliveryDays: number | null;
  description: string;
  references: string;
}

export interface CatalogItem extends Omit<ProductFields, 'nameEn'> {
  id: string;
  provider: { id: string; name: string; type: ProviderType };
}

export interface CatalogFilter {
  page: number;
  pageSize: number;
  q?: string | undefined;
  scene?: string | undefined;
  industry?: string | undefined;
  priceMax?: number | undefined;
  providerType?: ProviderType | undefined;
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface EntryAction {
  event: string;
  label: Text;
  kind: string;
  needsReason: boolean;
  confirm: Text | null;
  allowed: boolean;
  reasons: Text[];
}

export interface MyProduct extends ProductFields {
  id: string;
  status: ProductStatus;
  entryId: string | null;
  returnReason: string | null;
  decisionReason: string | null;
  updatedAt: string;
  actions: EntryAction[];
  editable: boolean;
}

export type ProductInput = Omit<ProductFields, 'priceMinFen' | 'priceMaxFen' | 'deliveryDays'> & { priceMinFen: number; priceMaxFen: number; deliveryDays: number };

export interface EntrySummary {
  id: string;
  state: string;
  productId: string;
  productName: string;
  provider: { id: string; name: string; type: string };
  submissions: number;
  submittedAt: string | null;
  changedFields: string[];
}

export interface EntryDetail extends EntrySummary {
  snapshot: ProductFields;
  previous: ProductFields | null;
  diff: Array<{ field: keyof ProductFields; before: unknown; after: unknown }>;
  returnReason: string | null;
  actions: EntryAction[];
  history: Array<{ event: string; label: Text; from: string; to: string; at: string; actorOrgName: string | null; reason: string | null }>;
}

export interface EntriesFilter {
  page: number;
  pageSize: number;
  state: string;
  q?: string | undefined;
  providerType?: ProviderType | undefined;
}

export function usePublicCatalog(f: CatalogFilter) {
  return useQuery({ queryKey: ['catalog', 'public', f], queryFn: () => api.get<Paged<CatalogItem>>('/public/catalog', { ...f }), placeholderData: keepPreviousData });
}

export function useCatalogProviders() {
  return useQuery({ queryKey: ['catalog', 'providers'], queryFn: () => api.get<{ items: Array<{ id: string; name: string; type: ProviderType; productCount: number }> }>('/public/catalog/providers') });
}

export function useMyProducts() {
  return useQuery({ queryKey: ['catalog', 'mine'], queryFn: () => api.get<{ items: MyProduct[] }>('/catalog/my-products') });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['catalog'] });
}

export function useSaveProduct() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ProductInput }) => (id ? api.put<MyProduct>(`/catalog/my-products/${id}`, body) : api.post<MyProduct>('/catalog/my-products', body)),
    onSuccess: invalidate,
  });
}

export function useProductAction() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, event }: { id: string; event: 'submit' | 'withdraw' }) => api.post<MyProduct>(`/catalog/my-products/${id}/${event}`),
    onSuccess: invalidate,
  });
}

export function useEntries(f: EntriesFilter) {
  return useQuery({ queryKey: ['catalog', 'entries', f], queryFn: () => api.get<Paged<EntrySummary>>('/catalog/entries', { ...f }), placeholderData: keepPreviousData });
}

export function useEntry(id: string | null) {
  return useQuery({ queryKey: ['catalog', 'entry', id], queryFn: () => api.get<EntryDetail>(`/catalog/entries/${id}`), enabled: Boolean(id) });
}

export function useDecideEntry() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, event, reason }: { id: string; event: string; reason?: string }) => api.post<EntryDetail>(`/catalog/entries/${id}/decision`, { event, ...(reason ? { reason } : {}) }),
    onSuccess: invalidate,
  });
}
