//! Finding a phone to buy: search and category filter over the catalog.

use crate::inventory::CatalogPhone;

/// The catalog's categories, in catalog order, each once.
pub fn categories(catalog: &[CatalogPhone]) -> Vec<&str> {
    let mut seen = Vec::new();
    for phone in catalog {
        if !seen.contains(&phone.category.as_str()) {
            seen.push(phone.category.as_str());
        }
    }
    seen
}

/// The models matching every word of `search` (brand, model, category or description, any
/// case) and, when given, `category`.
pub fn search_catalog<'a>(
    catalog: &'a [CatalogPhone],
    search: &str,
    category: Option<&str>,
) -> Vec<&'a CatalogPhone> {
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    catalog
        .iter()
        .filter(|p| category.is_none_or(|c| p.category == c))
        .filter(|p| {
            let text =
                format!("{} {} {} {}", p.brand, p.model, p.category, p.description).to_lowercase();
            words.iter().all(|w| text.contains(w))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::{generate, Dataset};

    #[test]
    fn search_matches_every_word_and_the_category_narrows() {
        let catalog = generate(Dataset::Standard).catalog;
        let all = search_catalog(&catalog, "", None);
        assert_eq!(all.len(), catalog.len());
        let first = &catalog[0];
        let by_words = search_catalog(
            &catalog,
            &format!("{} {}", first.brand.to_uppercase(), first.model),
            None,
        );
        assert!(by_words.iter().any(|p| p.sku == first.sku));
        assert!(search_catalog(&catalog, "no-such-phone", None).is_empty());
        let category = categories(&catalog)[0];
        let narrowed = search_catalog(&catalog, "", Some(category));
        assert!(!narrowed.is_empty() && narrowed.iter().all(|p| p.category == category));
        let mut unique = categories(&catalog);
        unique.dedup();
        assert_eq!(unique.len(), categories(&catalog).len());
    }
}
