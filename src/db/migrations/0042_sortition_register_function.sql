-- A public registration in one statement (ADR 0040): the lock on the person's identity, then, under a
-- snapshot taken after that lock (a VOLATILE PL/pgSQL function takes a fresh snapshot for each query it
-- runs), the code marked used, the duplicate check, the row, the confirmation mail in the outbox. Called
-- alone it commits on its own (one round trip instead of BEGIN+lock, the statement, COMMIT); inside a
-- transaction (a phone registration and its audit) the lock lasts until that transaction ends.
-- No row comes back when the code is not an unused letter of the recruitment, and then nothing was written.
CREATE FUNCTION sortition_register(
  p_recruitment bigint, p_has_code boolean, p_code_hash text, p_dedupe text, p_source text, p_features jsonb,
  p_contact bytea, p_entered_by bigint, p_mail_to text, p_mail_subject text, p_mail_text text, p_lock bigint
) RETURNS TABLE (new_id bigint, repeat_of bigint) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_lock IS NOT NULL THEN
    PERFORM pg_advisory_xact_lock(p_lock);
  END IF;
  RETURN QUERY
  WITH used AS (
    UPDATE sortition_invitations i SET used_at = now()
    WHERE p_has_code AND i.code_hash = p_code_hash AND i.recruitment_id = p_recruitment AND i.used_at IS NULL
    RETURNING i.id),
  first AS (
    SELECT r.id FROM sortition_registrations r
    WHERE r.recruitment_id = p_recruitment AND r.dedupe_hash = p_dedupe AND r.duplicate_of IS NULL AND r.withdrawn_at IS NULL
    ORDER BY r.id LIMIT 1),
  ins AS (
    INSERT INTO sortition_registrations (recruitment_id, invitation_id, source, features, contact_sealed, dedupe_hash, duplicate_of, consent_at, entered_by)
    SELECT p_recruitment, (SELECT u.id FROM used u), p_source, p_features, p_contact, p_dedupe, (SELECT f.id FROM first f), now(), p_entered_by
    WHERE NOT p_has_code OR EXISTS (SELECT 1 FROM used)
    RETURNING sortition_registrations.id, sortition_registrations.duplicate_of),
  mail AS (
    INSERT INTO mail_outbox ("to", subject, text) SELECT p_mail_to, p_mail_subject, p_mail_text FROM ins WHERE p_mail_to IS NOT NULL)
  SELECT ins.id, ins.duplicate_of FROM ins;
END $$;
