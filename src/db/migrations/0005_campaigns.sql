-- Đợt cao điểm: campaigns of daily provincial reports with clock deadlines, their templates, the frozen reports and
-- their amendments, and in-app notices (reminders before a deadline).

-- A report template as data, versioned: a submitted report keeps the version it was filled with.
CREATE TABLE report_template (
  id          text NOT NULL,
  version     integer NOT NULL,
  body        jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE TABLE campaign (
  id                   integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name                 text NOT NULL,
  legal_basis          text NOT NULL,                -- e.g. "Công văn số 4208/BHXH-TST ngày 13/12/2023"
  first_day            date NOT NULL,
  last_day             date NOT NULL,
  first_day_deadline   jsonb NOT NULL,               -- { dayOffset, time }: the first day's figures
  daily_deadline       jsonb NOT NULL,               -- { dayOffset, time }: every later day's
  baseline_date        date NOT NULL,                -- thời điểm mốc the reduction is measured from
  target_late_ratio    numeric(6, 2),                -- tỷ lệ chậm đóng mục tiêu, percent
  template_id          text NOT NULL,
  template_version     integer NOT NULL,
  created_by           integer NOT NULL REFERENCES app_user (id),
  created_at           timestamptz NOT NULL,
  FOREIGN KEY (template_id, template_version) REFERENCES report_template (id, version),
  CHECK (last_day >= first_day),
  CHECK (baseline_date <= first_day)
);

CREATE TABLE campaign_province (
  campaign_id  integer NOT NULL REFERENCES campaign (id),
  office_id    integer NOT NULL REFERENCES office (id),
  PRIMARY KEY (campaign_id, office_id)
);

-- Every version of a province's report for a day: version 1 is the submission, later ones amendments with a reason.
-- Rows are never changed: a frozen report keeps the figures and the data version it was made from.
CREATE TABLE campaign_report (
  id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  campaign_id       integer NOT NULL REFERENCES campaign (id),
  office_id         integer NOT NULL REFERENCES office (id),
  report_day        date NOT NULL,
  version           integer NOT NULL CHECK (version >= 1),
  figures           jsonb NOT NULL,
  notes             jsonb NOT NULL,                  -- { difficulties, proposals, directorNote }
  data_version      jsonb NOT NULL,                  -- which data the figures came from
  amendment_reason  text,
  submitted_by      integer NOT NULL REFERENCES app_user (id),
  submitted_at      timestamptz NOT NULL,
  UNIQUE (campaign_id, office_id, report_day, version),
  CHECK ((version = 1) = (amendment_reason IS NULL))
);

CREATE FUNCTION campaign_report_is_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'campaign_report is frozen: a change is a new version with a reason (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER campaign_report_frozen BEFORE UPDATE OR DELETE ON campaign_report
  FOR EACH ROW EXECUTE FUNCTION campaign_report_is_frozen();

-- Thông báo trong ứng dụng. `key` makes a reminder idempotent: one per user and purpose.
CREATE TABLE notice (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     integer NOT NULL REFERENCES app_user (id),
  key         text NOT NULL,
  title       text NOT NULL,
  body        text NOT NULL,
  link        text,
  created_at  timestamptz NOT NULL,
  read_at     timestamptz,
  UNIQUE (user_id, key)
);
CREATE INDEX notice_unread_idx ON notice (user_id) WHERE read_at IS NULL;
