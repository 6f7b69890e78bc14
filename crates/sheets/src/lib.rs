//! Spreadsheet files for Switchboard. The functions are plain Rust, tested natively; the
//! `sheets-worker` binary runs them in a Web Worker so the spreadsheet crates never weigh on
//! the page's own bundle.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use domain::workbook::Workbook;
use rust_xlsxwriter::{Format, Workbook as XlsxBook, XlsxError};

/// What an upload that is neither an XLSX nor a text CSV is told.
const NOT_A_SPREADSHEET: &str =
    "This file is not a spreadsheet. Upload the template saved as .xlsx or .csv.";

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

    #[test]
    fn sheet_names_are_made_acceptable() {
        assert_eq!(sheet_name("Licenses: Office/Video"), "Licenses OfficeVideo");
        assert_eq!(sheet_name("[]"), "Sheet1");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
