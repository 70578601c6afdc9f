/* Private declarations shared by the bridge's ABI-side C files. */
#ifndef FTB_ABI_H
#define FTB_ABI_H

/* Run the runtime's detach/attach hooks (or the critical-section defaults) around a blocking wait. */
void ftb_before_blocking(void);
void ftb_after_blocking(void);

/* Registers the calling thread for biased reference counting if it is not yet (cheap when it is). */
void ftb_brc_ensure_registered(void);

#endif
