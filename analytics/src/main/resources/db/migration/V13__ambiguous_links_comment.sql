-- What governance.extracts.ambiguous_links counts since session 10: refusals the evidence
-- supported, each once per extract whose resolution met it (docs/decisions.md).
COMMENT ON COLUMN governance.extracts.ambiguous_links IS
  'Links resolution refused while landing this extract although the evidence supported them: a pair that would join two different NHS numbers or UPNs, or a street that would join two postcodes; each once per extract. Siblings and a parent and child of one name kept apart are not counted.';
