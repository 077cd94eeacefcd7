/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* rtnl.c - altnames of network interfaces over rtnetlink (pcipath_link, pcipath wait). */

#include <errno.h>
#include <string.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include "rtnl.h"

static int link_index_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifm = mnl_nlmsg_get_payload(nlh);

	*(unsigned *)data = (unsigned)ifm->ifi_index;
	return MNL_CB_OK;
}

/*
 * One request: RTM_NEWLINKPROP / RTM_DELLINKPROP give or take ifindex's altname,
 * RTM_GETLINK (ifindex 0) asks which interface has the name (*owner).
 */
static int rtnl_request(int type, unsigned ifindex, const char *name, unsigned *owner)
{
	char buf[8192]; /* MNL_SOCKET_BUFFER_SIZE is a VLA; a page or two suffice */
	struct mnl_socket *nl;
	struct nlmsghdr *nlh;
	struct ifinfomsg *ifm;
	struct nlattr *nest;
	unsigned seq = (unsigned)time(NULL), portid, dummy = 0;
	int r;

	if (strlen(name) >= RTNL_ALTNAME_MAX)
		return -ENAMETOOLONG;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = (uint16_t)type;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (type == RTM_NEWLINKPROP)
		nlh->nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	nlh->nlmsg_seq = seq;
	ifm = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = (int)ifindex;
	if (type != RTM_GETLINK) {
		nest = mnl_attr_nest_start(nlh, IFLA_PROP_LIST);
		mnl_attr_put_strz(nlh, IFLA_ALT_IFNAME, name);
		mnl_attr_nest_end(nlh, nest);
	} else
		mnl_attr_put_strz(nlh, IFLA_ALT_IFNAME, name);

	nl = mnl_socket_open(NETLINK_ROUTE);
	if (!nl)
		return -errno;
	if (mnl_socket_bind(nl, 0, MNL_SOCKET_AUTOPID) < 0) {
		r = -errno;
		goto out;
	}
	portid = mnl_socket_get_portid(nl);
	if (mnl_socket_sendto(nl, nlh, nlh->nlmsg_len) < 0) {
		r = -errno;
		goto out;
	}
	/* A reply (RTM_GETLINK) then an ack, or just the ack: bounded by the two. */
	for (int i = 0; i < 2; i++) {
		r = (int)mnl_socket_recvfrom(nl, buf, sizeof(buf));
		if (r < 0) {
			r = -errno;
			goto out;
		}
		r = mnl_cb_run(buf, (size_t)r, seq, portid, link_index_cb,
			       owner ? owner : &dummy);
		if (r <= MNL_CB_STOP)
			break;
	}
	r = r < 0 ? -errno : 0;
out:
	mnl_socket_close(nl);
	return r;
}

int rtnl_name_owner(const char *name, unsigned *ifindex)
{
	*ifindex = 0;
	return rtnl_request(RTM_GETLINK, 0, name, ifindex);
}

int rtnl_altname_add(unsigned ifindex, const char *altname)
{
	return rtnl_request(RTM_NEWLINKPROP, ifindex, altname, NULL);
}

int rtnl_altname_del(unsigned ifindex, const char *altname)
{
	return rtnl_request(RTM_DELLINKPROP, ifindex, altname, NULL);
}
