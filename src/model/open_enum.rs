//! A macro for string enums that keep values they do not know.
//!
//! Azure models most of its enums "as string": a newer service may send a value that this
//! build has never heard of. Such a value must survive a round trip and be shown as it came,
//! so every enum of the wire format gets an `Other` variant that keeps it verbatim (as shared
//! text: an unknown state repeats across the jobs that are in it).

/// Declares an enum of known string values plus `Other(ArcStr)` for the rest.
///
/// Known values are matched without regard to ASCII case (ARM treats enum values that way),
/// and written back in their documented spelling. The generated type serialises as a plain
/// JSON string.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this build does not know, kept exactly as the service sent it.
            Other($crate::model::ArcStr),
        }

        impl $name {
            /// Every known value, in declaration order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The value as the service spells it (unknown values verbatim).
            #[must_use]
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Other(text) => text,
                }
            }

            /// Reads a value; anything unknown becomes `Other` with the text unchanged.
            #[must_use]
            pub fn parse(text: &str) -> Self {
                $( if text.eq_ignore_ascii_case($text) { return Self::$variant; } )+
                Self::Other($crate::model::shared(text))
            }

            /// Whether this build knows the value.
            #[must_use]
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self::parse(text)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self::parse(&text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

pub(crate) use open_enum;
