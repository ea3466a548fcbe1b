#ifndef KG_CLIBXML2_SHIM_H
#define KG_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* libxml2's headers would pull in the system ICU headers (unicode/ucnv.h), whose declarations clash with
   the copy of ICU that Foundation ships (_FoundationICU) as soon as a module sees both. Nothing here uses
   the ICU members (they only sit at the end of xmlCharEncodingHandler, which is used through pointers). */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <libxml/xmlsave.h>
#include <libxml/c14n.h>
#endif
