//! Spreadsheet files for Switchboard. The functions are plain Rust, tested natively; the
//! `sheets-worker` binary runs them in a Web Worker so the spreadsheet crates never weigh on
//! the page's own bundle.

use std::io::{self, Cursor, Read};

use calamine::{Reader, Xlsx};
use domain::workbook::Workbook;
use rust_xlsxwriter::{Format, Workbook as XlsxBook, XlsxError};

/// What an upload that is neither an XLSX nor a text CSV is told.
const NOT_A_SPREADSHEET: &str =
    "This file is not a spreadsheet. Upload the template saved as .xlsx or .csv.";

/// At most this much data unzipped from an uploaded workbook, in all its parts: a 10,000-row
/// template unzips to about 2 MB, so this leaves room for any real one and refuses a zip bomb
/// (or a million-row sheet) before it is parsed.
const MAX_UNZIPPED_BYTES: u64 = 48 * 1024 * 1024;

/// At most this many parts in an uploaded workbook (a real one has about a dozen).
const MAX_PARTS: usize = 1_000;

/// What a workbook over those limits is told.
const TOO_LARGE: &str = "This workbook is too large to read: it unzips to more than 48 MB or has more than 1,000 parts. Upload the template with at most 10,000 rows.";

/// The characters Excel refuses in a sheet name.
const BAD_NAME_CHARS: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];

/// The workbook as the bytes of an `.xlsx` file: every cell a text cell (so nothing is ever
/// evaluated as a formula), the header row bold and frozen, columns sized to their content.
pub fn write_xlsx(book: &Workbook) -> Result<Vec<u8>, String> {
    let failed = |e: XlsxError| format!("Couldn't write the spreadsheet: {e}.");
    let mut xlsx = XlsxBook::new();
    let bold = Format::new().set_bold();
    for sheet in &book.sheets {
        let ws = xlsx.add_worksheet();
        ws.set_name(sheet_name(&sheet.name)).map_err(failed)?;
        for (r, row) in sheet.rows.iter().enumerate() {
            let r = u32::try_from(r).map_err(|_| "Too many rows for a spreadsheet.".to_owned())?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c)
                    .map_err(|_| "Too many columns for a spreadsheet.".to_owned())?;
                if r == 0 {
                    ws.write_string_with_format(r, c, cell, &bold)
                } else {
                    ws.write_string(r, c, cell)
                }
                .map_err(failed)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(failed)?;
        ws.autofit();
    }
    xlsx.save_to_buffer().map_err(failed)
}

/// The rows of an uploaded spreadsheet as text cells: an `.xlsx` (recognised by its zip
/// signature; the sheet named `sheet`, else the first) or a UTF-8 `.csv`.
pub fn read_rows(bytes: &[u8], sheet: &str) -> Result<Vec<Vec<String>>, String> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes, sheet);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| NOT_A_SPREADSHEET.to_owned())?;
    if text.contains('\0') {
        return Err(NOT_A_SPREADSHEET.into());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|rec| rec.iter().map(str::to_owned).collect())
                .map_err(|e| format!("The CSV file can't be read: {e}."))
        })
        .collect()
}

fn read_xlsx(bytes: &[u8], sheet: &str) -> Result<Vec<Vec<String>>, String> {
    within_limits(bytes)?;
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|_| NOT_A_SPREADSHEET.to_owned())?;
    let names = book.sheet_names();
    let name = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(sheet))
        .or(names.first())
        .cloned()
        .ok_or("The workbook has no sheets.")?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("The sheet \"{name}\" can't be read: {e}."))?;
    Ok(range
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect())
}

/// Refuses a zip with too many parts, or whose parts unzip to too much: first by the sizes it
/// declares (no unzipping needed), then by unzipping it with a byte budget, since a crafted
/// zip may declare less than it holds.
fn within_limits(bytes: &[u8]) -> Result<(), String> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| NOT_A_SPREADSHEET.to_owned())?;
    if zip.len() > MAX_PARTS {
        return Err(TOO_LARGE.into());
    }
    // What the central directory declares (parts written with a data descriptor declare it
    // there too).
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|_| NOT_A_SPREADSHEET.to_owned())?;
        declared = declared.saturating_add(part.size());
    }
    if declared > MAX_UNZIPPED_BYTES {
        return Err(TOO_LARGE.into());
    }
    let mut budget = MAX_UNZIPPED_BYTES;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| NOT_A_SPREADSHEET.to_owned())?;
        let unzipped = io::copy(&mut part.take(budget + 1), &mut io::sink())
            .map_err(|_| NOT_A_SPREADSHEET.to_owned())?;
        budget = budget.checked_sub(unzipped).ok_or(TOO_LARGE)?;
    }
    Ok(())
}

/// A name Excel accepts: its forbidden characters dropped, at most 31 characters, never empty.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .filter(|c| !BAD_NAME_CHARS.contains(c))
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Sheet1".to_owned()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::workbook::Sheet;

    #[test]
    fn an_xlsx_file_is_a_zip_with_the_cells_as_shared_strings() {
        let book = Workbook {
            sheets: vec![Sheet {
                name: "Licenses: Office/Video".into(),
                rows: vec![
                    vec!["Name".into(), "Number".into()],
                    vec!["Office".into(), "'+14155550100".into()],
                ],
            }],
        };
        let bytes = write_xlsx(&book).expect("written");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
        let mut read = |name: &str| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut text)
                .expect("utf-8");
            text
        };
        let strings = read("xl/sharedStrings.xml");
        assert!(strings.contains("'+14155550100") && strings.contains("Office"));
        let sheet = read("xl/worksheets/sheet1.xml");
        assert!(!sheet.contains("<f>"), "no cell is a formula");
        assert!(read("xl/workbook.xml").contains("name=\"Licenses OfficeVideo\""));
    }

    #[test]
    fn what_is_written_reads_back_from_xlsx_and_csv_and_other_files_are_refused() {
        let rows = vec![
            vec!["License ID".to_owned(), "Mailbox ID".to_owned()],
            vec!["lic-7".to_owned(), "62000000007".to_owned()],
        ];
        let book = Workbook {
            sheets: vec![
                Sheet {
                    name: "Notes".into(),
                    rows: vec![vec!["x".into()]],
                },
                Sheet {
                    name: "Assign Licenses".into(),
                    rows: rows.clone(),
                },
            ],
        };
        let xlsx = write_xlsx(&book).unwrap();
        assert_eq!(read_rows(&xlsx, "assign licenses").unwrap(), rows);
        assert_eq!(
            read_rows(&xlsx, "missing").unwrap(),
            vec![vec!["x".to_owned()]]
        );

        let csv = "\u{feff}License ID,Mailbox ID\r\nlic-7,62000000007\r\n\"lic, 8\",\"a\nb\"\r\nshort\r\n";
        let read = read_rows(csv.as_bytes(), "").unwrap();
        assert_eq!(read[..2], rows[..]);
        assert_eq!(read[2], vec!["lic, 8".to_owned(), "a\nb".to_owned()]);
        assert_eq!(read[3], vec!["short".to_owned()]);

        for junk in [&b"\x89PNG\r\n\x1a\n\0\0"[..], b"PK\x03\x04not really a zip"] {
            assert!(read_rows(junk, "")
                .unwrap_err()
                .contains("not a spreadsheet"));
        }
    }

    /// A zip of `parts`, each `(name, bytes)`, deflated.
    fn zip_of(parts: impl IntoIterator<Item = (String, Vec<u8>)>) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        for (name, bytes) in parts {
            zip.start_file(name, options).unwrap();
            zip.write_all(&bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A sheet of `rows` one-cell rows, as the XML inside an `.xlsx`.
    fn sheet_xml(rows: usize) -> Vec<u8> {
        let mut xml = String::from("<worksheet><sheetData>");
        for r in 1..=rows {
            xml.push_str(&format!(
                "<row r=\"{r}\"><c t=\"inlineStr\"><is><t>x</t></is></c></row>"
            ));
        }
        xml.push_str("</sheetData></worksheet>");
        xml.into_bytes()
    }

    #[test]
    fn a_zip_bomb_or_a_million_rows_is_refused_before_it_is_parsed() {
        // A million rows: some 60 MB of sheet XML, a few hundred KB zipped.
        let million = zip_of([("xl/worksheets/sheet1.xml".to_owned(), sheet_xml(1_000_000))]);
        assert!(million.len() < 5 * 1024 * 1024, "small enough to upload");
        assert_eq!(read_rows(&million, "").unwrap_err(), TOO_LARGE);

        // The same, claiming to unzip to 1 KB: refused by what it really unzips to.
        let mut lying = million.clone();
        let real = u32::try_from(sheet_xml(1_000_000).len())
            .unwrap()
            .to_le_bytes();
        let mut patched = 0;
        for at in 0..lying.len() - 4 {
            if lying[at..at + 4] == real {
                lying[at..at + 4].copy_from_slice(&1_024u32.to_le_bytes());
                patched += 1;
            }
        }
        assert!(
            patched >= 2,
            "the local header and the central directory both lie"
        );
        assert!(read_rows(&lying, "").is_err());

        // Too many parts.
        let parts = (0..=MAX_PARTS).map(|i| (format!("part{i}.xml"), b"<x/>".to_vec()));
        assert_eq!(read_rows(&zip_of(parts), "").unwrap_err(), TOO_LARGE);
    }

    #[test]
    fn every_truncation_of_a_workbook_is_refused_with_a_message() {
        let rows = vec![vec!["License ID".to_owned(), "Mailbox ID".to_owned()]; 50];
        let xlsx = write_xlsx(&Workbook {
            sheets: vec![Sheet {
                name: "Assign Licenses".into(),
                rows,
            }],
        })
        .unwrap();
        for cut in (4..xlsx.len()).step_by(17) {
            let error = read_rows(&xlsx[..cut], "").unwrap_err();
            assert!(!error.is_empty());
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, failure_persistence: None, ..Default::default() })]

        /// Any bytes, with or without a zip signature or a byte-order mark in front: rows or a
        /// message, never a panic.
        #[test]
        fn any_bytes_give_rows_or_a_message(
            prefix in proptest::sample::select(vec![&b""[..], b"PK\x03\x04", b"\xef\xbb\xbf"]),
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048),
        ) {
            let file = [prefix, &bytes[..]].concat();
            if let Err(message) = read_rows(&file, "Assign Licenses") {
                proptest::prop_assert!(!message.is_empty());
            }
        }

        /// Any text as a CSV: as many rows back as it has records, never a panic.
        #[test]
        fn any_text_reads_as_csv_or_gives_a_message(text in "(?s).{0,400}") {
            let _ = read_rows(text.as_bytes(), "");
        }

        /// A real workbook with one byte changed anywhere: rows or a message.
        #[test]
        fn a_workbook_with_a_byte_flipped_gives_rows_or_a_message(at in 0usize..4096, to in proptest::prelude::any::<u8>()) {
            static XLSX: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
                write_xlsx(&Workbook {
                    sheets: vec![Sheet { name: "S".into(), rows: vec![vec!["a".into(), "b".into()]] }],
                })
                .unwrap()
            });
            let mut flipped = XLSX.clone();
            let at = at % flipped.len();
            flipped[at] = to;
            let _ = read_rows(&flipped, "S");
        }
    }

    #[test]
    fn sheet_names_are_made_acceptable() {
        assert_eq!(sheet_name("Licenses: Office/Video"), "Licenses OfficeVideo");
        assert_eq!(sheet_name("[]"), "Sheet1");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
