-- M3: the change log is append-only. No code path updates or deletes it; these triggers make the
-- database refuse it too. drizzle-kit does not model triggers, hence this custom migration.
CREATE TRIGGER `change_log_no_update` BEFORE UPDATE ON `change_log`
BEGIN
  SELECT RAISE(ABORT, 'change_log is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `change_log_no_delete` BEFORE DELETE ON `change_log`
BEGIN
  SELECT RAISE(ABORT, 'change_log is append-only');
END;
--> statement-breakpoint
-- M4: a batch that inserts ok = 0 into write_guards is rolled back whole (optimistic version
-- checks inside the batch that writes); rows with ok <> 0 are dropped, so the table stays empty.
CREATE TRIGGER `write_guards_abort` BEFORE INSERT ON `write_guards` WHEN NEW.ok = 0
BEGIN
  SELECT RAISE(ABORT, 'masar_write_guard');
END;
--> statement-breakpoint
CREATE TRIGGER `write_guards_drop` BEFORE INSERT ON `write_guards` WHEN NEW.ok <> 0
BEGIN
  SELECT RAISE(IGNORE);
END;
