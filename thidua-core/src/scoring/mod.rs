//! Scoring schemes (thang điểm), scorecards, ranking inside clusters and blocs, classification
//! bands and award proposals. (Being written: see issue 3.)
