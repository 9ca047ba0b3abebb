-- API tokens end: tokens made before they had an expiry get 90 days from their creation.
UPDATE `api_tokens` SET `expires_at` = strftime('%Y-%m-%dT%H:%M:%fZ', `created_at`, '+90 days') WHERE `expires_at` IS NULL;
--> statement-breakpoint
-- A token lives only as long as its creator is an active admin: tokens made by anyone else
-- (another token, a removed account) are revoked now, and the triggers below revoke a person's
-- tokens when the account is disabled or stops being an admin, whichever code path does it.
UPDATE `api_tokens` SET `revoked_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE `revoked_at` IS NULL AND `created_by` NOT IN (SELECT `id` FROM `users` WHERE `role` = 'admin' AND `disabled_at` IS NULL);
--> statement-breakpoint
CREATE TRIGGER `api_tokens_revoke_with_creator` AFTER UPDATE OF `disabled_at`, `role` ON `users`
  WHEN NEW.`disabled_at` IS NOT NULL OR NEW.`role` <> 'admin'
BEGIN
  UPDATE `api_tokens` SET `revoked_at` = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE `created_by` = NEW.`id` AND `revoked_at` IS NULL;
END;
