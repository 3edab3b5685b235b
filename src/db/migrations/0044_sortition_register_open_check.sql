-- sortition_register (0042) decides, in the registration's own statement, whether the recruitment takes it:
-- its status (inviting or open), its deadline, and for a volunteer (no code, from the public form) whether it
-- is open to volunteers. The public form reads the recruitment from a copy at most a second old (ADR 0040);
-- what is accepted rests on this check alone. Nothing is written (no code marked used) when it fails.
CREATE OR REPLACE FUNCTION sortition_register(
  p_recruitment bigint, p_has_code boolean, p_code_hash text, p_dedupe text, p_source text, p_features jsonb,
  p_contact bytea, p_entered_by bigint, p_mail_to text, p_mail_subject text, p_mail_text text, p_lock bigint
) RETURNS TABLE (new_id bigint, repeat_of bigint) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock);
  END IF;
  RETURN QUERY
  WITH open AS (
    SELECT 1 FROM sortition_recruitments s
    WHERE s.id = p_recruitment AND s.status IN ('inviting', 'open') AND (s.registration_deadline IS NULL OR now() < s.registration_deadline)
      AND (p_has_code OR p_source <> 'volunteer' OR s.volunteers_open)),
  used AS (
    UPDATE sortition_invitations i SET used_at = now()
    WHERE p_has_code AND i.code_hash = p_code_hash AND i.recruitment_id = p_recruitment AND i.used_at IS NULL AND EXISTS (SELECT 1 FROM open)
    RETURNING i.id),
  first AS (
    SELECT r.id FROM sortition_registrations r
    WHERE r.recruitment_id = p_recruitment AND r.dedupe_hash = p_dedupe AND r.duplicate_of IS NULL AND r.withdrawn_at IS NULL
    ORDER BY r.id LIMIT 1),
  ins AS (
    INSERT INTO sortition_registrations (recruitment_id, invitation_id, source, features, contact_sealed, dedupe_hash, duplicate_of, consent_at, entered_by)
    SELECT p_recruitment, (SELECT u.id FROM used u), p_source, p_features, p_contact, p_dedupe, (SELECT f.id FROM first f), now(), p_entered_by
    WHERE EXISTS (SELECT 1 FROM open) AND (NOT p_has_code OR EXISTS (SELECT 1 FROM used))
    RETURNING sortition_registrations.id, sortition_registrations.duplicate_of),
  mail AS (
    INSERT INTO mail_outbox ("to", subject, text) SELECT p_mail_to, p_mail_subject, p_mail_text FROM ins WHERE p_mail_to IS NOT NULL)
  SELECT ins.id, ins.duplicate_of FROM ins;
END $$;
