#ifndef KG_CLIBXML2_SHIM_H
#define KG_CLIBXML2_SHIM_H
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>
#include <libxml/xmlsave.h>
#include <libxml/c14n.h>
#endif
