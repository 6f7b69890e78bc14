//! What the page asks the spreadsheet worker for, and the workbook it describes. The worker
//! (`crates/sheets`) holds the spreadsheet crates, so they stay out of the first-load bundle.

use serde::{Deserialize, Serialize};

/// A spreadsheet of one or more sheets of text cells; the first row of each is its header.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

/// One named sheet: rows of cells, header first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

/// A request to the spreadsheet worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub enum WorkerRequest {
    /// Write the workbook as an `.xlsx` file.
    WriteXlsx(Workbook),
    /// Read the file posted with the request (an `.xlsx`, whose sheet of this name is read,
    /// else its first; or a `.csv`) into rows of text cells, answered as JSON.
    ReadRows { sheet: String },
}
