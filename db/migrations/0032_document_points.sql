-- Each stored document keeps beside it the part a map point reads (api/queries/service-documents.ts
-- `pointOf`): a map draws up to 500 services at once, and decoding their whole documents (about
-- 3.2 kB each in the bench's directory) was most of its CPU. The documents stored before this have
-- none: a reader of points reads their body whole until the scheduled job stores them again
-- (api/admin/jobs/maintenance.ts), finding them through the partial index below.
ALTER TABLE `service_documents` ADD `point` text;--> statement-breakpoint
CREATE INDEX `service_documents_without_point_idx` ON `service_documents` (`service_id`) WHERE "service_documents"."point" IS NULL;
