-- Mã số thuế: one active employer per tax code. The public award check answers by tax code, so a second active
-- employer with a copied code would let an officer make another province's company look late. A branch has its
-- own 13-character code (10 digits, a dash, 3 digits); an employer that stopped (suspended, dissolved, bankrupt,
-- absconded) keeps its code in its history, and an employer file may leave the tax code empty.
CREATE UNIQUE INDEX employer_active_tax_code_key ON employer (tax_code) WHERE status = 'active' AND tax_code <> '';
