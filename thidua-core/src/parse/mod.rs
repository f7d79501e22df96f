//! Reading directives from their Vietnamese text. (Being written: see issue 4.)
