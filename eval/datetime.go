package eval

// dateFuncs declares the date and time functions. Dates follow Java's
// calendar as Salesforce's engine does: Julian before 1582-10-15.
func dateFuncs() []*Func {
	return []*Func{
		{
			Name: "DATE", Category: "Date and Time",
			Doc:     "Returns the date of a year, month and day, each truncated to a whole number; an impossible date is an error.",
			Example: `DATE(2026, 1, 31)`, Want: "2026-01-31",
			Sigs: []Sig{{Params: []Param{p("year", Number), p("month", Number), p("day", Number)}, Result: Date, impl: dateImpl}},
		},
		{
			Name: "DATEVALUE", Category: "Date and Time",
			Doc:     "Returns the date of a date-time, or of text that begins YYYY-MM-DD; anything after the date is ignored.",
			Example: `DATEVALUE("2026-01-31 09:30:00")`, Want: "2026-01-31",
			Sigs: []Sig{
				{Params: []Param{p("text", Text)}, Result: Date, impl: dateValueText},
				{Params: []Param{p("datetime", DateTime)}, Result: Date, impl: dateValueDateTime},
			},
			strict: true,
		},
		{
			Name: "DATETIMEVALUE", Category: "Date and Time",
			Doc:     "Returns the date-time of a date (at midnight GMT), or of text that begins YYYY-MM-DD HH:MM:SS, read in GMT.",
			Example: `DATETIMEVALUE("2026-01-31 09:30:00")`, Want: "2026-01-31 09:30:00Z",
			Sigs: []Sig{
				{Params: []Param{p("text", Text)}, Result: DateTime, impl: dateTimeValueText},
				{Params: []Param{p("date", Date)}, Result: DateTime, impl: i64Map(DateTime, func(d int64) int64 { return d * msPerDay })},
				{Params: []Param{p("datetime", DateTime)}, Result: DateTime, impl: passThrough},
			},
			strict: true,
		},
		{
			Name: "TIMEVALUE", Category: "Date and Time",
			Doc:     "Returns the time of day of a date-time in GMT, or of text HH:MM:SS.MMM, where MMM counts milliseconds.",
			Example: `TIMEVALUE("17:30:45.125")`, Want: "17:30:45.125",
			Sigs: []Sig{
				{Params: []Param{p("text", Text)}, Result: Time, impl: timeValueText},
				{Params: []Param{p("datetime", DateTime)}, Result: Time, impl: i64Map(Time, func(ms int64) int64 { return floorMod(ms, msPerDay) })},
				{Params: []Param{p("time", Time)}, Result: Time, impl: passThrough},
			},
			strict: true,
		},
		dayPart("DAY", "Returns the day of the month of a date, 1 to 31.", `DAY(DATE(2026, 1, 31))`, "31", func(d int64) int64 { _, _, dd := civilDate(d); return int64(dd) }),
		dayPart("MONTH", "Returns the month of a date, 1 for January to 12.", `MONTH(DATE(2026, 1, 31))`, "1", func(d int64) int64 { _, m, _ := civilDate(d); return int64(m) }),
		dayPart("YEAR", "Returns the year of a date.", `YEAR(DATE(2026, 1, 31))`, "2026", func(d int64) int64 { y, _, _ := civilDate(d); return int64(y) }),
		dayPart("WEEKDAY", "Returns the day of the week of a date, 1 for Sunday to 7 for Saturday.", `WEEKDAY(DATE(2026, 1, 31))`, "7", weekday),
		dayPart("DAYOFYEAR", "Returns the day of the year of a date, 1 to 366.", `DAYOFYEAR(DATE(2026, 2, 1))`, "32", dayOfYear),
		{
			Name: "ISOWEEK", Category: "Date and Time",
			Doc:     "Returns the ISO 8601 week number of a date or date-time (in GMT), 1 to 53; weeks start on Monday.",
			Example: `ISOWEEK(DATE(2011, 1, 1))`, Want: "52",
			Sigs:   ofDay(func(d int64) int64 { _, w := isoWeek(d); return w }),
			strict: true,
		},
		{
			Name: "ISOYEAR", Category: "Date and Time",
			Doc:     "Returns the ISO 8601 week-numbering year of a date or date-time (in GMT), which differs from YEAR near New Year.",
			Example: `ISOYEAR(DATE(2011, 1, 1))`, Want: "2010",
			Sigs:   ofDay(func(d int64) int64 { y, _ := isoWeek(d); return y }),
			strict: true,
		},
		{
			Name: "ADDMONTHS", Category: "Date and Time",
			Doc:     "Adds whole months to a date or date-time; a month-end stays a month-end, and a day past the end of the new month becomes its last day.",
			Example: `ADDMONTHS(DATE(2026, 1, 31), 1)`, Want: "2026-02-28",
			Sigs: []Sig{
				{Params: []Param{p("date", Date), p("num", Number)}, Result: Date, impl: addMonthsImpl(Date)},
				{Params: []Param{p("datetime", DateTime), p("num", Number)}, Result: DateTime, impl: addMonthsImpl(DateTime)},
			},
			strict: true,
		},
		{
			Name: "TODAY", Category: "Date and Time", Impure: true,
			Doc:     "Returns the current date in the user's time zone (GMT unless configured).",
			Example: `TODAY() - TODAY()`, Want: "0",
			Sigs: []Sig{{Result: Date, impl: todayImpl}},
		},
		{
			Name: "NOW", Category: "Date and Time", Impure: true,
			Doc:     "Returns the current date-time; every call in one evaluation returns the same instant.",
			Example: `NOW() - NOW()`, Want: "0",
			Sigs: []Sig{{Result: DateTime, impl: nowImpl}},
		},
		{
			Name: "TIMENOW", Category: "Date and Time", Impure: true,
			Doc:     "Returns the current time of day in GMT.",
			Example: `TIMENOW() - TIMENOW()`, Want: "0",
			Sigs: []Sig{{Result: Time, impl: timeNowImpl}},
		},
		timePart("HOUR", "Returns the hour of a time, 0 to 23.", `HOUR(TIMEVALUE("17:30:45.125"))`, "17", func(ms int64) int64 { return ms / msPerHour }),
		timePart("MINUTE", "Returns the minute of a time, 0 to 59.", `MINUTE(TIMEVALUE("17:30:45.125"))`, "30", func(ms int64) int64 { return ms / msPerMinute % 60 }),
		timePart("SECOND", "Returns the second of a time, 0 to 59.", `SECOND(TIMEVALUE("17:30:45.125"))`, "45", func(ms int64) int64 { return ms / msPerSecond % 60 }),
		timePart("MILLISECOND", "Returns the millisecond of a time, 0 to 999.", `MILLISECOND(TIMEVALUE("17:30:45.125"))`, "125", func(ms int64) int64 { return ms % msPerSecond }),
		{
			Name: "UNIXTIMESTAMP", Category: "Date and Time",
			Doc:     "Returns the seconds since 1970-01-01 00:00:00 GMT of a date or date-time, or the seconds since midnight of a time; milliseconds are dropped.",
			Example: `UNIXTIMESTAMP(DATETIMEVALUE("2026-01-01 00:00:00"))`, Want: "1767225600",
			Sigs: []Sig{
				{Params: []Param{p("date", Date)}, Result: Number, impl: i64Map(Number, func(d int64) int64 { return d * (msPerDay / msPerSecond) })},
				{Params: []Param{p("datetime", DateTime)}, Result: Number, impl: i64Map(Number, func(ms int64) int64 { return ms / msPerSecond })},
				{Params: []Param{p("time", Time)}, Result: Number, impl: i64Map(Number, func(ms int64) int64 { return ms / msPerSecond })},
			},
			strict: true,
		},
		{
			Name: "FROMUNIXTIME", Category: "Date and Time",
			Doc:     "Returns the date-time a number of seconds after 1970-01-01 00:00:00 GMT, to the millisecond.",
			Example: `FROMUNIXTIME(1767225600)`, Want: "2026-01-01 00:00:00Z",
			Sigs: []Sig{{Params: []Param{p("seconds", Number)}, Result: DateTime, impl: fromUnixTimeImpl}},
		},
		{
			Name: "FORMATDURATION", Category: "Date and Time",
			Doc:     "Formats a number of seconds, or the time between two times or two date-times, as HH:MM:SS, or D:HH:MM:SS with days.",
			Example: `FORMATDURATION(90061, TRUE)`, Want: `"1:01:01:01"`,
			Sigs: []Sig{
				{Params: []Param{p("seconds", Number)}, Result: Text},
				{Params: []Param{p("seconds", Number), p("include_days", Boolean)}, Result: Text},
				{Params: []Param{p("start", Time), p("end", Time)}, Result: Text},
				{Params: []Param{p("start", DateTime), p("end", DateTime)}, Result: Text},
			},
			check: checkFormatDuration,
		},
	}
}

// dayPart declares a function of a Date that returns a Number.
func dayPart(name, doc, example, want string, f func(days int64) int64) *Func {
	return &Func{
		Name: name, Category: "Date and Time", Doc: doc, Example: example, Want: want,
		Sigs: []Sig{{Params: []Param{p("date", Date)}, Result: Number, impl: i64Map(Number, f)}},
	}
}

// ofDay declares the signatures of a Number computed from a day: of a
// Date, or of a DateTime's day in GMT.
func ofDay(f func(days int64) int64) []Sig {
	return []Sig{
		{Params: []Param{p("date", Date)}, Result: Number, impl: i64Map(Number, f)},
		{Params: []Param{p("datetime", DateTime)}, Result: Number, impl: i64Map(Number, func(ms int64) int64 { return f(floorDiv(ms, msPerDay)) })},
	}
}

// timePart declares a function of a Time that returns a Number.
func timePart(name, doc, example, want string, f func(ms int64) int64) *Func {
	return &Func{
		Name: name, Category: "Date and Time", Doc: doc, Example: example, Want: want,
		Sigs: []Sig{{Params: []Param{p("time", Time)}, Result: Number, impl: i64Map(Number, f)}},
	}
}
