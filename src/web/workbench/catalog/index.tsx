/** The catalog area's pages and cards (being built). */
export function ProductsPage() {
  return null;
}

export function CatalogReviewPage() {
  return null;
}
