//! Dates: today's date, and a date written the way a language writes it. A leaf: dates
//! are `jiff::civil::Date` everywhere, so an impossible date never gets past reading.
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Today's date in UTC, from the system clock.
pub fn today() -> Date {
    jiff::Timestamp::now().to_zoned(TimeZone::UTC).date()
}

/// `15 January 2026`, `15 de janeiro de 2026`, `15 січня 2026 р.`; ISO for a language
/// hrpolicy has no month names for.
pub fn long_date(date: Date, lang: &str) -> String {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const PT: [&str; 12] = [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ];
    // Ukrainian names the month in the genitive after the day.
    const UK: [&str; 12] = [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ];
    let (d, m, y) = (date.day(), date.month() as usize - 1, date.year());
    match lang.split(['-', '_']).next().unwrap_or("") {
        "en" => format!("{d} {} {y}", EN[m]),
        "pt" => format!("{d} de {} de {y}", PT[m]),
        "uk" => format!("{d} {} {y} р.", UK[m]),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_its_own_dates() {
        let d = jiff::civil::date(2026, 3, 5);
        assert_eq!(long_date(d, "en"), "5 March 2026");
        assert_eq!(long_date(d, "pt-PT"), "5 de março de 2026");
        assert_eq!(long_date(d, "uk"), "5 березня 2026 р.");
        assert_eq!(long_date(d, "xx"), "2026-03-05");
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert!("2026-13-45".parse::<Date>().is_err());
        assert!("2026-02-30".parse::<Date>().is_err());
        assert_eq!("2024-02-29".parse::<Date>().unwrap().day(), 29);
    }
}
