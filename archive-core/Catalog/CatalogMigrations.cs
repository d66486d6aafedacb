namespace QyHeritage.Archive.Catalog;

/// <summary>
/// The catalog's schema as an ordered list of migrations. The database records how many it has
/// applied in <c>PRAGMA user_version</c>; opening applies the rest in one transaction each.
/// Append new migrations; never edit one that has shipped.
/// </summary>
internal static class CatalogMigrations
{
    public static readonly IReadOnlyList<string> All =
    [
        // 1: items and their pages.
        """
        CREATE TABLE items (
            id              TEXT PRIMARY KEY,
            collection      TEXT NOT NULL,
            title_zh        TEXT NOT NULL,
            title_en        TEXT NOT NULL,
            creator         TEXT NOT NULL,
            date_as_written TEXT NOT NULL,
            date_edtf       TEXT,
            year_start      INTEGER,
            year_end        INTEGER,
            date_approximate INTEGER NOT NULL,
            place           TEXT NOT NULL,
            language_script TEXT NOT NULL,
            script          TEXT NOT NULL,
            layout          TEXT NOT NULL,
            rights          TEXT NOT NULL,
            source          TEXT NOT NULL,
            image_origin    TEXT NOT NULL,
            description     TEXT NOT NULL,
            ocfl_version    INTEGER NOT NULL
        );
        CREATE INDEX items_collection ON items(collection, id);
        CREATE TABLE pages (
            item_id       TEXT NOT NULL REFERENCES items(id) ON DELETE CASCADE,
            ord           INTEGER NOT NULL,
            label         TEXT NOT NULL,
            width         INTEGER NOT NULL,
            height        INTEGER NOT NULL,
            master        TEXT,
            derivative    TEXT,
            ocr           TEXT,
            transcription TEXT,
            text_boxes    TEXT,
            PRIMARY KEY (item_id, ord)
        );
        """,
        // 2: exhibitions (archive-core/Exhibitions), an index of their OCFL objects' heads.
        """
        CREATE TABLE exhibitions (
            id                TEXT PRIMARY KEY,
            title_zh          TEXT NOT NULL,
            title_en          TEXT NOT NULL,
            hall              TEXT NOT NULL,
            exhibits          INTEGER NOT NULL,
            head_version      INTEGER NOT NULL,
            updated_by        TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            published_version INTEGER,
            published_at      TEXT
        );
        """,
        // 3: how far each page's OCR can be trusted, and the pages that want a transcription (the curators' list).
        """
        ALTER TABLE pages ADD COLUMN ocr_confidence REAL;
        ALTER TABLE pages ADD COLUMN needs_transcription INTEGER NOT NULL DEFAULT 0;
        """,
        // 4: the curators' list in its order, holding only the flagged pages without a transcription (CatalogDb.PagesNeedingTranscription).
        """
        CREATE INDEX pages_needing_transcription ON pages(ocr_confidence, item_id, ord) WHERE needs_transcription = 1 AND transcription IS NULL;
        """,
    ];
}
