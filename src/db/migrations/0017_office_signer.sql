-- Who signs the documents an office issues (Decree 30/2020/NĐ-CP, art. 13): its head, or a deputy "KT." (ký thay) on
-- the head's behalf. Set per office by its director or the national administrator; an office without a row is signed
-- by its director's account when it has one.
CREATE TABLE office_signer (
  office_id     integer PRIMARY KEY REFERENCES office (id),
  head_name     text NOT NULL CHECK (btrim(head_name) <> ''),
  deputy_name   text CHECK (btrim(deputy_name) <> ''),
  by_deputy     boolean NOT NULL DEFAULT false,
  updated_at    timestamptz NOT NULL,
  updated_by    integer NOT NULL REFERENCES app_user (id),
  CHECK (NOT by_deputy OR deputy_name IS NOT NULL)
);
