//! Spreadsheet files for Switchboard. The functions are plain Rust, tested natively; the
//! `sheets-worker` binary runs them in a Web Worker so the spreadsheet crates never weigh on
//! the page's own bundle.

use domain::workbook::Workbook;
use rust_xlsxwriter::{Format, Workbook as XlsxBook, XlsxError};

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
    fn sheet_names_are_made_acceptable() {
        assert_eq!(sheet_name("Licenses: Office/Video"), "Licenses OfficeVideo");
        assert_eq!(sheet_name("[]"), "Sheet1");
        assert_eq!(sheet_name(&"x".repeat(40)).len(), 31);
    }
}
