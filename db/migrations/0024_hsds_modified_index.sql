-- HSDS `modified_after` reads the services changed since a moment from their stored documents'
-- `lastModified` (the services without one are listed in service_documents_due and worked out
-- live). drizzle-kit writes an expression index's SQL wrongly, so this line is hand-written; the
-- expression must stay exactly as api/queries/hsds.ts writes it for SQLite to use the index.
CREATE INDEX `service_documents_modified_idx` ON `service_documents` (json_extract(`body`, '$.lastModified'),`service_id`);
