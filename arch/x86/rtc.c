/*
 * rtc.c (x86): the wall clock from the CMOS real-time clock (MC146818).
 *
 * The RTC counts calendar fields, not seconds, in BCD or binary (status register B bit 2)
 * and with a 12- or 24-hour clock (bit 1; in 12-hour mode bit 7 of the hour is PM). While
 * it updates (status register A bit 7) the fields are inconsistent, so the read waits
 * that out and reads again until two passes agree. The century comes from register 0x32
 * where the firmware keeps it (QEMU does), else the 21st. Fields out of range mean there
 * is no working RTC: -ENODEV.
 */
#include "arch/time.h"
#include "lib.h"
#include "plat/cpu.h"
#include "public/errno.h"

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

#define RTC_SECONDS 0x00
#define RTC_MINUTES 0x02
#define RTC_HOURS 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY 0x32

#define STATUS_A_UPDATING 0x80
#define STATUS_B_24_HOUR 0x02
#define STATUS_B_BINARY 0x04
#define HOUR_PM 0x80
#define RTC_READ_TRIES 16
/* An update lasts at most 2 ms; the bound only ends the wait when no RTC answers. */
#define RTC_UPDATE_SPINS_MAX 1000000

struct rtc_time {
	uint8_t second, minute, hour, day, month, year, century;
};

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

/* False when the update never ends (no RTC: the bus reads all ones). */
static bool rtc_read_raw(struct rtc_time *t)
{
	unsigned int spins = 0;

	while (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING) {
		if (++spins == RTC_UPDATE_SPINS_MAX) {
			return false;
		}
		__asm__ volatile("pause");
	}
	t->second = cmos_read(RTC_SECONDS);
	t->minute = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->month = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
	t->century = cmos_read(RTC_CENTURY);
	return true;
}

static uint8_t from_bcd(uint8_t value)
{
	return (uint8_t)((value >> 4) * 10 + (value & 0x0f));
}

/* To binary and a 24-hour clock. */
static void rtc_normalise(struct rtc_time *t, uint8_t status_b)
{
	bool pm = t->hour & HOUR_PM;

	t->hour &= (uint8_t)~HOUR_PM;
	if (!(status_b & STATUS_B_BINARY)) {
		t->second = from_bcd(t->second);
		t->minute = from_bcd(t->minute);
		t->hour = from_bcd(t->hour);
		t->day = from_bcd(t->day);
		t->month = from_bcd(t->month);
		t->year = from_bcd(t->year);
		t->century = from_bcd(t->century);
	}
	if (!(status_b & STATUS_B_24_HOUR)) {
		t->hour = (uint8_t)(t->hour % 12 + (pm ? 12 : 0)); /* 12 AM is 0, 12 PM is 12 */
	}
	if (t->century < 19 || t->century > 99) {
		t->century = 20;
	}
}

static bool rtc_valid(const struct rtc_time *t)
{
	return t->second < 60 && t->minute < 60 && t->hour < 24 && t->day >= 1 && t->day <= 31 &&
	       t->month >= 1 && t->month <= 12 && t->year < 100;
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
static int64_t days_from_civil(int64_t year, unsigned int month, unsigned int day)
{
	int64_t era;
	unsigned int year_of_era, day_of_year, day_of_era;

	year -= month <= 2;
	era = (year >= 0 ? year : year - 399) / 400;
	year_of_era = (unsigned int)(year - era * 400);
	day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
	return era * 146097 + (int64_t)day_of_era - 719468;
}

int arch_wallclock_read(uint64_t *seconds)
{
	struct rtc_time t, again;
	int64_t days;

	for (unsigned int tries = 0;; tries++) {
		if (tries == RTC_READ_TRIES || !rtc_read_raw(&t) || !rtc_read_raw(&again)) {
			return -ENODEV;
		}
		if (!memcmp(&t, &again, sizeof(t))) {
			break;
		}
	}
	rtc_normalise(&t, cmos_read(RTC_STATUS_B));
	if (!rtc_valid(&t)) {
		return -ENODEV;
	}
	days = days_from_civil(t.century * 100 + t.year, t.month, t.day);
	if (days < 0) {
		return -ENODEV;
	}
	*seconds = (uint64_t)days * 86400 + t.hour * 3600U + t.minute * 60U + t.second;
	return 0;
}
