-- Schema 3: the staff scope of a policy (任命権者 and 対象職員, JSON of model::StaffScope).
-- 施策・制度 and デジタル人材の目標 are new item kinds and need no table of their own.
ALTER TABLE drafts ADD COLUMN scope TEXT NOT NULL DEFAULT '{}';
