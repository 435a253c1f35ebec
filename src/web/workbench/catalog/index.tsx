/** The catalog area's workbench pages: a provider's products and the bureau's entry review. */
export { ProductsPage } from './ProductsPage';
export { CatalogReviewPage } from './CatalogReviewPage';
