/** What the list API answers (src/lists/list-schemas.ts), as the lists page reads it. */
export type ImportStatus = 'running' | 'committed' | 'failed';

export interface ContactList {
  id: number;
  name: string;
  defaultRegion: string;
  defaultTimeZone: string | null;
  recordCount: number;
  importCount: number;
  runningImports: number;
  lastImport: { id: number; status: ImportStatus; startedAt: string; finishedAt: string | null } | null;
  campaigns: Array<{ id: number; name: string; status: string }>;
  createdAt: string;
}

export interface Failure {
  code: string;
  message: string;
  details: unknown;
}

export interface ListImport {
  id: number;
  listId: number;
  status: ImportStatus;
  fileName: string | null;
  encoding: string | null;
  bytesTotal: number | null;
  bytesRead: number;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
  replaced: number;
  errorCount: number;
  error: Failure | null;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export interface Mapping {
  phones: Array<{ column: string; type: string }>;
  name?: string | string[];
  phoneticName?: string;
  timeZone?: string;
  postalCode?: string;
  region?: string;
  owner?: string;
}

export interface FilePreview {
  encoding: string;
  delimiter: string;
  header: string[];
  rows: string[][];
  mapping: Mapping | null;
  roles: Record<string, string>;
}

export interface RowError {
  row: number;
  column: string | null;
  value: string | null;
  reason: string;
}
