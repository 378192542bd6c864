-- Đôn đốc và cưỡng chế: actions taken on late employers, promises to pay, the escalation ladder, and the documents
-- the actions produce. Nothing here is deleted: a mistaken action or promise is cancelled with a reason.

-- The deadline of each overdue period, oldest first, as the engine gives them: when the employer reached 1, 2, 3…
-- months late, which the ladder needs (3+ months: inspection; 6+: Penal Code Art. 216).
ALTER TABLE arrears_position ADD COLUMN overdue_deadlines jsonb NOT NULL DEFAULT '[]';

-- One action on one employer. Actions recorded together (a customer conference, a mailing of letters) share a batch.
CREATE SEQUENCE action_batch_seq;
CREATE TABLE enforcement_action (
  id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id      integer NOT NULL REFERENCES employer (id),
  kind             text NOT NULL CHECK (kind IN ('c12_notice', 'urging_letter', 'invitation', 'working_session',
                     'customer_conference', 'phone_call', 'inspection', 'surprise_inspection', 'sanction',
                     'media_publication', 'prosecution_referral', 'debt_team_handover', 'no_reward_proposal')),
  action_date      date NOT NULL,
  official_id      integer NOT NULL REFERENCES app_user (id),   -- cán bộ thực hiện
  document_number  text,                                        -- số văn bản, quyết định
  outcome          text NOT NULL DEFAULT '',
  follow_up_on     date,                                        -- ngày theo dõi tiếp
  fine             bigint CHECK (fine > 0),                     -- quyết định xử phạt: số tiền phạt
  details          jsonb NOT NULL DEFAULT '{}',                 -- by kind: meeting time and place, minutes, agency…
  batch_id         bigint NOT NULL,
  recorded_by      integer NOT NULL REFERENCES app_user (id),
  recorded_at      timestamptz NOT NULL,
  cancelled_at     timestamptz,
  cancelled_by     integer REFERENCES app_user (id),
  cancel_reason    text,
  CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL)),
  CHECK (kind <> 'sanction' OR (fine IS NOT NULL AND document_number IS NOT NULL)),
  CHECK (kind = 'sanction' OR fine IS NULL)
);
CREATE INDEX enforcement_action_employer_idx ON enforcement_action (employer_id, action_date);
CREATE INDEX enforcement_action_date_idx ON enforcement_action (action_date, kind);
CREATE INDEX enforcement_action_batch_idx ON enforcement_action (batch_id);

CREATE TABLE action_attachment (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  action_id     integer NOT NULL REFERENCES enforcement_action (id),
  file_name     text NOT NULL,
  content_type  text NOT NULL,
  size          integer NOT NULL CHECK (size > 0),
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   integer NOT NULL REFERENCES app_user (id),
  uploaded_at   timestamptz NOT NULL
);
CREATE INDEX action_attachment_action_idx ON action_attachment (action_id);

-- Sổ đăng ký văn bản đi: each office numbers its outgoing documents from 1 every year.
CREATE TABLE document_counter (
  office_id    integer NOT NULL REFERENCES office (id),
  year         integer NOT NULL,
  last_number  integer NOT NULL,
  PRIMARY KEY (office_id, year)
);

-- A generated letter, minutes or evidence file, kept byte for byte as issued: later data never changes it.
CREATE TABLE generated_document (
  id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('urging_letter', 'invitation', 'meeting_minutes', 'referral_cover', 'evidence_file')),
  employer_id  integer NOT NULL REFERENCES employer (id),
  action_id    integer REFERENCES enforcement_action (id),
  office_id    integer NOT NULL REFERENCES office (id),   -- cơ quan ban hành
  year         integer NOT NULL,
  number       integer,                                   -- null for an evidence file, which is not a letter
  full_number  text,                                      -- "15/BHXH-QLT"
  file_name    text NOT NULL,
  figures      jsonb NOT NULL,                            -- the engine's figures the document states
  docx         bytea NOT NULL,
  created_by   integer NOT NULL REFERENCES app_user (id),
  created_at   timestamptz NOT NULL,
  UNIQUE (office_id, year, number)
);
CREATE INDEX generated_document_employer_idx ON generated_document (employer_id);
CREATE INDEX generated_document_action_idx ON generated_document (action_id);

-- Cam kết trả nợ and thỏa thuận trả dần. Kept or broken is computed from the payments, never stored.
CREATE TABLE payment_promise (
  id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id    integer NOT NULL REFERENCES employer (id),
  kind           text NOT NULL CHECK (kind IN ('promise', 'instalment')),
  made_on        date NOT NULL,
  action_id      integer REFERENCES enforcement_action (id),   -- the session where it was given, if any
  note           text NOT NULL DEFAULT '',
  recorded_by    integer NOT NULL REFERENCES app_user (id),
  recorded_at    timestamptz NOT NULL,
  cancelled_at   timestamptz,
  cancelled_by   integer REFERENCES app_user (id),
  cancel_reason  text,
  CHECK ((cancelled_at IS NULL) = (cancel_reason IS NULL))
);
CREATE INDEX payment_promise_employer_idx ON payment_promise (employer_id);

CREATE TABLE promise_instalment (
  promise_id  integer NOT NULL REFERENCES payment_promise (id),
  seq         smallint NOT NULL,
  due_on      date NOT NULL,
  amount      bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (promise_id, seq)
);

-- The ladder step each employer stands on, with what is due next, refreshed when its arrears, actions or promises
-- change and at each day's close; worklists read it instead of evaluating every employer.
CREATE TABLE ladder_position (
  employer_id      integer PRIMARY KEY REFERENCES employer (id),
  step             text NOT NULL,
  since            date NOT NULL,
  due              jsonb NOT NULL,          -- [{ action, by, reason }], earliest first
  next_due_on      date,
  broken_promise   boolean NOT NULL,
  referral_clause  smallint,
  evaluated_on     date NOT NULL
);
CREATE INDEX ladder_position_due_idx ON ladder_position (next_due_on) WHERE step <> 'current';

-- Every move between steps, with the days in and out.
CREATE TABLE ladder_move (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  employer_id  integer NOT NULL REFERENCES employer (id),
  step         text NOT NULL,
  entered_on   date NOT NULL,
  left_on      date,
  CHECK (left_on IS NULL OR left_on >= entered_on)
);
CREATE UNIQUE INDEX ladder_move_open_idx ON ladder_move (employer_id) WHERE left_on IS NULL;
