-- Công khai danh sách đơn vị chậm đóng, trốn đóng, đơn vị chấp hành tốt và kế hoạch thanh tra; ý kiến phản ánh của
-- địa phương.

-- A list assembled from the rule set's criteria, reviewed and approved by someone other than its author. Only an
-- approved list is ever public; approving an update supersedes the list it updates.
CREATE TABLE disclosure_list (
  id              integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind            text NOT NULL CHECK (kind IN ('late', 'evasion', 'commendation', 'inspection_plan')),
  office_id       integer NOT NULL REFERENCES office (id),   -- whose list: the national office or a province
  title           text NOT NULL,
  criteria        jsonb NOT NULL,
  as_of           date NOT NULL,
  status          text NOT NULL CHECK (status IN ('draft', 'approved', 'superseded', 'withdrawn')),
  updates_id      integer REFERENCES disclosure_list (id),
  created_by      integer NOT NULL REFERENCES app_user (id),
  created_at      timestamptz NOT NULL,
  approved_by     integer REFERENCES app_user (id),
  approved_at     timestamptz,
  withdrawn_by    integer REFERENCES app_user (id),
  withdrawn_at    timestamptz,
  withdraw_reason text,
  CHECK ((status IN ('approved', 'superseded')) <= (approved_at IS NOT NULL)),
  CHECK (approved_by IS NULL OR approved_by <> created_by)
);
CREATE INDEX disclosure_list_public_idx ON disclosure_list (kind, office_id) WHERE status = 'approved';

-- Each entry as published: a copy of the employer's particulars and figures at the list's date.
CREATE TABLE disclosure_entry (
  list_id       integer NOT NULL REFERENCES disclosure_list (id),
  employer_id   integer NOT NULL REFERENCES employer (id),
  name          text NOT NULL,
  tax_code      text NOT NULL,
  address       text NOT NULL,
  search_text   text NOT NULL,
  months_late   integer NOT NULL,
  amount        bigint NOT NULL,
  status        text NOT NULL CHECK (status IN ('listed', 'paid')),   -- paid: on the previous list, cleared since
  PRIMARY KEY (list_id, employer_id)
);

-- Phản ánh, kiến nghị: a province raises a difficulty or proposal; national departments answer.
CREATE TABLE feedback_thread (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  office_id   integer NOT NULL REFERENCES office (id),
  category    text NOT NULL CHECK (category IN ('difficulty', 'proposal')),
  title       text NOT NULL,
  status      text NOT NULL CHECK (status IN ('open', 'answered', 'closed')),
  created_by  integer NOT NULL REFERENCES app_user (id),
  created_at  timestamptz NOT NULL
);
CREATE INDEX feedback_thread_office_idx ON feedback_thread (office_id);

CREATE TABLE feedback_message (
  id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  thread_id   integer NOT NULL REFERENCES feedback_thread (id),
  author_id   integer NOT NULL REFERENCES app_user (id),
  body        text NOT NULL,
  created_at  timestamptz NOT NULL
);
CREATE INDEX feedback_message_thread_idx ON feedback_message (thread_id);
