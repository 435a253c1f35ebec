/**
 * Registry of assessment catalogs. Adding a version = a new data file plus one entry below (and the version
 * literal in `CATALOG_VERSIONS`). Catalogs are deep-frozen: they are shared reference data.
 */
import { catalog2024 } from './catalog-2024';
import type { Catalog, CatalogVersion } from './catalog-types';
import { CATALOG_VERSIONS } from './catalog-types';

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const CATALOGS: Readonly<Record<CatalogVersion, Catalog>> = deepFreeze({
  '2024': catalog2024,
});

/** The catalog new assessments use. */
export const LATEST_CATALOG_VERSION: CatalogVersion = '2024';

export function isCatalogVersion(version: string): version is CatalogVersion {
  return (CATALOG_VERSIONS as readonly string[]).includes(version);
}

/** The catalog of a version; throws for an unknown version (check with `isCatalogVersion` first). */
export function getCatalog(version: string = LATEST_CATALOG_VERSION): Catalog {
  if (!isCatalogVersion(version)) {
    throw new Error(`Unknown assessment catalog version "${version}" (known: ${CATALOG_VERSIONS.join(', ')})`);
  }
  return CATALOGS[version];
}

/** Known versions, oldest first. */
export function listCatalogVersions(): CatalogVersion[] {
  return [...CATALOG_VERSIONS];
}
