-- Tệp đính kèm: attachments uploaded from now on are files in the files folder (FILES_DIR), named by stored_path
-- relative to it; the row keeps what identifies the file (name, size, type, sha256). Rows from before keep their
-- bytes in content and are served from there: moving them would need the files folder, which a migration (SQL
-- only, also run by `dondoc migrate` on another machine) does not know.
ALTER TABLE action_attachment ALTER COLUMN content DROP NOT NULL;
ALTER TABLE action_attachment ADD COLUMN stored_path text;
ALTER TABLE action_attachment ADD CONSTRAINT action_attachment_stored_once
  CHECK ((content IS NULL) <> (stored_path IS NULL));

-- The quotas add up an uploader's and an employer's attachments on every upload.
CREATE INDEX action_attachment_uploader_idx ON action_attachment (uploaded_by);
