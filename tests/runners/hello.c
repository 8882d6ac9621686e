/* The smallest Windows program: what the Wine probe test runs to see that a
 * loader really starts programs of an architecture. */
#include <stdio.h>

int main(void)
{
    printf("hello from a %d-bit Windows program\n", (int)(sizeof(void *) * 8));
    return 0;
}
