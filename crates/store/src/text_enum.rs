//! Unit enums stored as text: one macro for every table that keeps a state, a kind or a channel.

/// Stores a unit-variant enum as its camelCase code (the same text serde writes), so the database,
/// the tables' CHECKs and the UI all spell the values alike.
#[macro_export]
macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $ty {
            pub fn code(self) -> &'static str {
                match self {
                    $($ty::$variant => $code),+
                }
            }

            #[allow(dead_code)]
            pub fn parse(code: &str) -> Option<Self> {
                match code {
                    $($code => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl rusqlite::types::ToSql for $ty {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.code().into())
            }
        }

        impl rusqlite::types::FromSql for $ty {
            fn column_result(
                value: rusqlite::types::ValueRef<'_>,
            ) -> rusqlite::types::FromSqlResult<Self> {
                match value.as_str()? {
                    $($code => Ok($ty::$variant),)+
                    other => Err(rusqlite::types::FromSqlError::Other(
                        format!("{} 的取值“{other}”无法识别", stringify!($ty)).into(),
                    )),
                }
            }
        }
    };
}
